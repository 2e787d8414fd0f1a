package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 503: a service this one depends on could not answer (timed out, failed, answered garbage, or
 * its circuit is open), so the request could not be completed; the problem names the service and
 * why, and says what state the request was left in.
 */
public class PeerUnavailableException extends ErrorResponseException {

    private final String service;
    private final String reason;

    public PeerUnavailableException(String service, String reason, String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(service, reason, detail), null);
        this.service = service;
        this.reason = reason;
        getHeaders().set("Retry-After", "5");
    }

    private static ProblemDetail problem(String service, String reason, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
        problem.setProperty("service", service);
        problem.setProperty("reason", reason);
        return problem;
    }

    public String service() {
        return service;
    }

    public String reason() {
        return reason;
    }
}

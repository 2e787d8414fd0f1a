package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;

/**
 * 503 {@code service-unavailable}: a service this one depends on could not answer (timed out,
 * failed, answered garbage, or its circuit is open), so the request could not be completed; the
 * problem names the service and why, and its detail message says what state the request was left in.
 */
public class PeerUnavailableException extends ProblemException {

    private final String service;
    private final String reason;

    public PeerUnavailableException(String service, String reason, String detailMessage, Object... arguments) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", detailMessage, arguments);
        this.service = service;
        this.reason = reason;
        getBody().setProperty("service", service);
        getBody().setProperty("reason", reason);
        getHeaders().set("Retry-After", "5");
    }

    public String service() {
        return service;
    }

    public String reason() {
        return reason;
    }
}

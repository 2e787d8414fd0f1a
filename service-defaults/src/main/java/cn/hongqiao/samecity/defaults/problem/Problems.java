package cn.hongqiao.samecity.defaults.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.MDC;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 9457 problem details as the platform writes them: {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, plus {@code traceId} so that a portal can quote
 * an error and operators find its logs, and whatever extra members the error carries
 * ({@code errors} for invalid fields, {@code service} for an unavailable one...).
 */
public final class Problems {

    public static final MediaType APPLICATION_PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** 503 when tokens cannot be checked because the OIDC provider (its keys) cannot be reached. */
    public static ProblemDetail issuerUnavailable() {
        return of(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Token issuer unavailable",
                "Your token cannot be verified right now because the identity provider cannot be reached; try again shortly.");
    }

    /** Adds the request path and the current trace id, where they are not set yet. */
    public static ProblemDetail complete(ProblemDetail problem, String path) {
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path.replace(" ", "%20")));
        }
        String traceId = MDC.get("traceId");
        if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey("traceId"))) {
            problem.setProperty("traceId", traceId);
        }
        return problem;
    }

    /** For reactive code: as {@link #complete(ProblemDetail, String)}, with the request's own trace id. */
    public static ProblemDetail complete(ProblemDetail problem, ServerWebExchange exchange) {
        String traceId = ReactiveTraceIds.of(exchange);
        if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey("traceId"))) {
            problem.setProperty("traceId", traceId);
        }
        return complete(problem, exchange.getRequest().getPath().value());
    }

    /** The JSON members of a problem, flat, in RFC order; for writers outside Spring MVC and WebFlux handlers. */
    public static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        if (problem.getTitle() != null) {
            body.put("title", problem.getTitle());
        }
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}

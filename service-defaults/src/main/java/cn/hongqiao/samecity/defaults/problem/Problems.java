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
 * {@code status}, {@code detail}, {@code instance}, plus a stable {@code code} a portal can branch
 * on (its {@code type} is {@link #TYPE_BASE} and the code), {@code traceId} so that an error can be
 * quoted and its logs found, and whatever extra members the error carries ({@code errors} for
 * invalid fields, {@code allowed} for a refused move, {@code service} for an unavailable one...).
 * Titles and details are messages in the caller's language ({@link ProblemMessages}); the codes are
 * listed in {@code docs/problems/}.
 */
public final class Problems {

    public static final MediaType APPLICATION_PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    /** Where every problem type lives: the type of code {@code x} is this followed by {@code x}. Never changes. */
    public static final String TYPE_BASE = "https://samecity.hongqiao.tj.cn/problems/";

    public static final String CODE = "code";
    public static final String TRACE_ID = "traceId";

    private Problems() {
    }

    /** A problem of this code; its title and detail are filled in the caller's language by {@link ProblemMessages}. */
    public static ProblemDetail of(HttpStatusCode status, String code) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(type(code));
        problem.setProperty(CODE, code);
        return problem;
    }

    public static URI type(String code) {
        return URI.create(TYPE_BASE + code);
    }

    /** The problem's code; a problem made by Spring itself gets the platform's code for its status. */
    public static String codeOf(ProblemDetail problem) {
        Object code = problem.getProperties() == null ? null : problem.getProperties().get(CODE);
        return code instanceof String value ? value : codeFor(problem.getStatus());
    }

    /** The platform's code for a status when nothing more specific is known. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "authentication-required";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "stale-version";
            case 413 -> "body-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable-request";
            case 428 -> "precondition-required";
            case 429 -> "rate-limited";
            case 431 -> "headers-too-large";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }

    /** Sets the code and its type where the problem has none yet (problems that Spring made). */
    static void ensureCode(ProblemDetail problem) {
        Object code = problem.getProperties() == null ? null : problem.getProperties().get(CODE);
        if (!(code instanceof String)) {
            String derived = codeFor(problem.getStatus());
            problem.setProperty(CODE, derived);
            problem.setType(type(derived));
        } else if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(type((String) code));
        }
    }

    /** Adds the code, the request path and the current trace id, where they are not set yet. */
    public static ProblemDetail complete(ProblemDetail problem, String path) {
        ensureCode(problem);
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path.replace(" ", "%20")));
        }
        String traceId = MDC.get(TRACE_ID);
        if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey(TRACE_ID))) {
            problem.setProperty(TRACE_ID, traceId);
        }
        return problem;
    }

    /** For reactive code: as {@link #complete(ProblemDetail, String)}, with the request's own trace id. */
    public static ProblemDetail complete(ProblemDetail problem, ServerWebExchange exchange) {
        String traceId = ReactiveTraceIds.of(exchange);
        if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey(TRACE_ID))) {
            problem.setProperty(TRACE_ID, traceId);
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

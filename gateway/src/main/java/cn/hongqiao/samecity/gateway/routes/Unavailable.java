package cn.hongqiao.samecity.gateway.routes;

import java.util.concurrent.TimeoutException;

import cn.hongqiao.samecity.defaults.problem.Problems;
import cn.hongqiao.samecity.defaults.problem.ReactiveProblems;
import cn.hongqiao.samecity.defaults.problem.ReactiveTraceIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The answer for a service that cannot answer: a 503 problem, for every method, naming the service
 * and why ({@code timeout}, {@code circuit-open}, {@code failed-response}, {@code unreachable}),
 * with Retry-After, so that a portal can show which part of the district's data is missing.
 */
final class Unavailable {

    private static final Logger log = LoggerFactory.getLogger(Unavailable.class);

    private final JsonMapper json;

    Unavailable(JsonMapper json) {
        this.json = json;
    }

    Mono<Void> write(ServerWebExchange exchange, String service, Throwable cause) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(cause); // the service's answer is already on its way: nothing to replace
        }
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                service + " is unavailable: " + reason(cause) + ". Other parts of the platform are not affected; try again shortly.");
        problem.setProperty("service", service);
        problem.setProperty("reason", reasonCode(cause));
        try (var traced = ReactiveTraceIds.inLogs(exchange)) {
            log.warn("{} {}: {} unavailable ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    service, problem.getProperties().get("reason"));
        }
        ServerWebExchangeUtils.reset(exchange); // drops the headers a failed answer brought
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return ReactiveProblems.write(exchange, json, problem);
    }

    static String reasonCode(Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return "circuit-open";
        }
        if (cause instanceof TimeoutException
                || cause instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return "timeout";
        }
        if (cause instanceof ServiceCircuitBreaker.FailedAnswer) {
            return "failed-response";
        }
        return "unreachable";
    }

    private static String reason(Throwable cause) {
        return switch (reasonCode(cause)) {
            case "circuit-open" -> "its circuit breaker is open after repeated failures";
            case "timeout" -> "it did not answer in time";
            case "failed-response" -> "it answered with a gateway error (" + cause.getMessage() + ")";
            default -> "it could not be reached";
        };
    }
}

package cn.hongqiao.samecity.gateway.routes;

import java.util.concurrent.TimeoutException;

import cn.hongqiao.samecity.defaults.problem.Problems;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where a route's circuit breaker sends a failed call: a 503 problem, for every method, naming
 * the service and why (timed out, circuit open, failed answer, unreachable), so that a portal
 * can show which part of the district's data is missing.
 */
@Configuration(proxyBeanMethods = false)
class FallbackConfiguration {

    /** The path the portal asked for; the forward to the fallback replaces the request's own. */
    static final String ORIGINAL_PATH = FallbackConfiguration.class.getName() + ".originalPath";

    static reactor.core.publisher.Mono<Void> rememberPath(org.springframework.web.server.ServerWebExchange exchange,
            org.springframework.cloud.gateway.filter.GatewayFilterChain chain) {
        exchange.getAttributes().put(ORIGINAL_PATH, exchange.getRequest().getPath().value());
        return chain.filter(exchange);
    }

    @Bean
    RouterFunction<ServerResponse> fallbackRoutes() {
        return RouterFunctions.route(RequestPredicates.path("/fallback/{service}"), FallbackConfiguration::unavailable);
    }

    static reactor.core.publisher.Mono<ServerResponse> unavailable(ServerRequest request) {
        String service = request.pathVariable("service");
        Throwable cause = request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                service + " is unavailable: " + reason(cause) + ". Other parts of the platform are not affected; try again shortly.");
        problem.setProperty("service", service);
        problem.setProperty("reason", reasonCode(cause));
        Problems.complete(problem, request.exchange().getAttributeOrDefault(ORIGINAL_PATH, request.path()));
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .contentType(Problems.APPLICATION_PROBLEM_JSON)
                .bodyValue(Problems.members(problem));
    }

    private static String reasonCode(Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return "circuit-open";
        }
        if (cause instanceof TimeoutException
                || cause instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return "timeout";
        }
        if (cause instanceof SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException) {
            return "failed-response";
        }
        return "unreachable";
    }

    private static String reason(Throwable cause) {
        return switch (reasonCode(cause)) {
            case "circuit-open" -> "its circuit breaker is open after repeated failures";
            case "timeout" -> "it did not answer in time";
            case "failed-response" -> "it answered with a server error (" + cause.getMessage() + ")";
            default -> "it could not be reached";
        };
    }
}

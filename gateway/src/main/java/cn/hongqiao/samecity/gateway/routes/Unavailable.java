package cn.hongqiao.samecity.gateway.routes;

import java.util.concurrent.TimeoutException;

import cn.hongqiao.samecity.defaults.problem.ProblemMessages;
import cn.hongqiao.samecity.defaults.problem.ReactiveProblems;
import cn.hongqiao.samecity.defaults.problem.ReactiveTraceIds;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

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

    private final ReactiveProblems problems;

    Unavailable(ReactiveProblems problems) {
        this.problems = problems;
    }

    Mono<Void> write(ServerWebExchange exchange, String service, Throwable cause) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(cause); // the service's answer is already on its way: nothing to replace
        }
        ProblemDetail problem = problems.messages().problemWithDetail(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "problem.service-unavailable.gateway", ReactiveProblems.locale(exchange), service,
                ProblemMessages.label("reason." + reasonCode(cause)));
        problem.setProperty("service", service);
        problem.setProperty("reason", reasonCode(cause));
        try (var traced = ReactiveTraceIds.inLogs(exchange)) {
            log.warn("{} {}: {} unavailable ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    service, problem.getProperties().get("reason"));
        }
        ServerWebExchangeUtils.reset(exchange); // drops the headers a failed answer brought
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, problem);
    }

    static String reasonCode(Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return "circuit-open";
        }
        // Netty's: the service did not answer within its route's response timeout (RouteClients)
        if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException
                || cause instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return "timeout";
        }
        if (cause instanceof ServiceCalls.FailedAnswer) {
            return "failed-response";
        }
        return "unreachable";
    }
}

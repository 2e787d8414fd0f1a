package cn.hongqiao.samecity.gateway.routes;

import java.io.IOException;
import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * One more try, after a short pause, of an idempotent read (GET, HEAD) that did not reach its
 * service: a connection failure, or a proxy's 502 or 504 on the way. Never a write, never a second
 * retry, and not a read that timed out (it has spent its time already; the caller gets the 503
 * at once). Spring Cloud Gateway's retry filter did the same with a retry and a repeat companion,
 * each with a sink and five operators, built for every request it saw, writes included; this one
 * adds nothing to a write and four operators to a read.
 */
final class ReadRetry implements GatewayFilter {

    private final Duration pause;

    ReadRetry(Duration pause) {
        this.pause = pause;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return chain.filter(exchange);
        }
        Mono<Void> attempt = chain.filter(exchange);
        return attempt
                .then(Mono.fromSupplier(() -> answeredByAProxy(exchange.getResponse().getStatusCode())))
                .onErrorResume(ReadRetry::unreachable, failure -> Mono.just(true))
                .flatMap(again -> again ? Mono.delay(pause).then(Mono.defer(() -> {
                    forgetTheFirstAttempt(exchange);
                    return attempt;
                })) : Mono.empty());
    }

    /** 502 or 504: a proxy between the gateway and the service answered, not the service. */
    static boolean answeredByAProxy(HttpStatusCode status) {
        return status != null && ServiceCircuitBreaker.REPLACED_STATUSES.contains(status.value());
    }

    /** A connection refused, reset or timed out on connecting (Reactor Netty's are IOExceptions, or wrap one). */
    static boolean unreachable(Throwable failure) {
        return failure instanceof IOException || failure.getCause() instanceof IOException;
    }

    /** The first answer's connection closed and its headers gone, so that the second attempt routes afresh. */
    private static void forgetTheFirstAttempt(ServerWebExchange exchange) {
        Connection first = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (first != null) {
            first.dispose();
        }
        ServerWebExchangeUtils.reset(exchange);
    }

    @Override
    public String toString() {
        return "ReadRetry[once, after " + pause.toMillis() + " ms]";
    }
}

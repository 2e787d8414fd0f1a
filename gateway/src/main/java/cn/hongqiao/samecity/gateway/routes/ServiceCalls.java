package cn.hongqiao.samecity.gateway.routes;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * A route's calls to its service: its circuit breaker (Resilience4j, named after the service), and
 * one more try of an idempotent read that did not reach the service.
 * <p>
 * <b>Breaker.</b> Every 5xx answer, timeout and connection failure counts against the service, and an
 * open circuit answers at once without calling it. While the circuit is closed, the service's own 500
 * or 503 passes through untouched: it is a problem the service wrote, with its trace id, naming its
 * real failing dependency. A 502 or 504 (a proxy's answer, not the service's), a timeout, an
 * unreachable service and an open circuit become the 503 problem naming the service ({@link Unavailable}).
 * <p>
 * <b>Retry.</b> A read (GET, HEAD) that did not reach the service (a connection failure, or a proxy's
 * 502 or 504 on the way) is tried once more after a short pause. Never a write, never a second retry,
 * and not a read that timed out (it has spent its time already; the caller gets the 503 at once). The
 * breaker counts the call once, by its last answer.
 * <p>
 * Both in one stage of five Reactor operators: as two filters they took nine operators and a link of
 * the route's filter chain on every request (and Spring Cloud Gateway's retry filter, before them, a
 * retry and a repeat companion with a sink and five operators each, writes included).
 */
final class ServiceCalls implements GatewayFilter {

    /** Answers that are about reaching the service, not from it: tried again (reads) and replaced by the 503 problem. */
    private static final Set<Integer> PROXY_STATUSES = Set.of(502, 504);

    private final String service;
    private final CircuitBreaker breaker;
    private final Unavailable unavailable;
    private final Duration retryPause;

    ServiceCalls(String service, CircuitBreaker breaker, Unavailable unavailable, Duration retryPause) {
        this.service = service;
        this.breaker = breaker;
        this.unavailable = unavailable;
        this.retryPause = retryPause;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!breaker.tryAcquirePermission()) {
            return unavailable.write(exchange, service, CallNotPermittedException.createCallNotPermittedException(breaker));
        }
        HttpMethod method = exchange.getRequest().getMethod();
        Call call = new Call(exchange, chain);
        return call.attempt(method == HttpMethod.GET || method == HttpMethod.HEAD).doOnCancel(call::cancelled);
    }

    /** How one attempt ended: the answer's status, or the failure to get one. */
    private record Outcome(HttpStatusCode status, Throwable failure) {

        /** A connection refused, reset or timed out on connecting, or a proxy's 502 or 504: the service was not reached. */
        boolean didNotReach() {
            return failure != null ? unreachable(failure) : answeredByAProxy(status);
        }
    }

    /** One request's call: its attempts, then what the breaker records. */
    private final class Call {

        private final ServerWebExchange exchange;
        private final GatewayFilterChain chain;
        private final long started = System.nanoTime();
        private volatile boolean recorded;

        Call(ServerWebExchange exchange, GatewayFilterChain chain) {
            this.exchange = exchange;
            this.chain = chain;
        }

        Mono<Void> attempt(boolean retryIfNotReached) {
            return chain.filter(exchange)
                    .then(Mono.fromSupplier(() -> new Outcome(exchange.getResponse().getStatusCode(), null)))
                    .onErrorResume(failure -> Mono.just(new Outcome(null, failure)))
                    .flatMap(outcome -> retryIfNotReached && outcome.didNotReach()
                            ? Mono.delay(retryPause).then(Mono.defer(() -> {
                                forgetTheFirstAttempt(exchange);
                                return attempt(false);
                            }))
                            : settle(outcome));
        }

        /** Records the call's last answer; the 503 problem in its place, when it is not the service's own. */
        private Mono<Void> settle(Outcome outcome) {
            long nanos = System.nanoTime() - started;
            recorded = true;
            if (outcome.failure() != null) {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, outcome.failure());
                return unavailable.write(exchange, service, outcome.failure());
            }
            HttpStatusCode status = outcome.status();
            if (status == null || !status.is5xxServerError()) {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                return Mono.empty();
            }
            FailedAnswer failure = new FailedAnswer(status);
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
            return answeredByAProxy(status) ? unavailable.write(exchange, service, failure) : Mono.empty();
        }

        /** The caller went away before the call was recorded: its permission goes back to the breaker. */
        void cancelled() {
            if (!recorded) {
                breaker.releasePermission();
            }
        }
    }

    private static boolean answeredByAProxy(HttpStatusCode status) {
        return status != null && PROXY_STATUSES.contains(status.value());
    }

    /** A connection refused, reset or timed out on connecting (Reactor Netty's are IOExceptions, or wrap one). */
    private static boolean unreachable(Throwable failure) {
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

    /** A 5xx answer, counted as a failure of the service. */
    static final class FailedAnswer extends RuntimeException {

        FailedAnswer(HttpStatusCode status) {
            super("HTTP " + status.value(), null, false, false);
        }
    }

    @Override
    public String toString() {
        return "ServiceCalls[" + service + ", breaker, one read retry after " + retryPause.toMillis() + " ms]";
    }
}

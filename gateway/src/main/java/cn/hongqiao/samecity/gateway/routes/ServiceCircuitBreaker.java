package cn.hongqiao.samecity.gateway.routes;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * A route's circuit breaker (Resilience4j, named after the service). Every 5xx answer, timeout and
 * connection failure counts against the service, and an open circuit answers at once without
 * calling it. While the circuit is closed, the service's own 500 or 503 passes through untouched:
 * it is a problem the service wrote, with its trace id, naming its real failing dependency. A 502
 * or 504 (a proxy's answer, not the service's), a timeout, an unreachable service and an open
 * circuit become the 503 problem naming the service ({@link Unavailable}).
 */
final class ServiceCircuitBreaker implements GatewayFilter {

    /** Answers that are about reaching the service, not from it: replaced by the 503 problem. */
    static final Set<Integer> REPLACED_STATUSES = Set.of(502, 504);

    private final String service;
    private final CircuitBreaker breaker;
    private final Unavailable unavailable;

    ServiceCircuitBreaker(String service, CircuitBreaker breaker, Unavailable unavailable) {
        this.service = service;
        this.breaker = breaker;
        this.unavailable = unavailable;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!breaker.tryAcquirePermission()) {
            return unavailable.write(exchange, service, CallNotPermittedException.createCallNotPermittedException(breaker));
        }
        long started = System.nanoTime();
        return chain.filter(exchange)
                .then(Mono.fromSupplier(() -> answered(exchange, System.nanoTime() - started)))
                .onErrorResume(error -> Mono.just(failed(error, System.nanoTime() - started)))
                .doOnCancel(breaker::releasePermission)
                .flatMap(failure -> failure.map(cause -> unavailable.write(exchange, service, cause)).orElse(Mono.empty()));
    }

    /** Records the answer; the failure to answer with instead of it, if any. */
    private Optional<Throwable> answered(ServerWebExchange exchange, long nanos) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status == null || !status.is5xxServerError()) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            return Optional.empty();
        }
        FailedAnswer failure = new FailedAnswer(status);
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        return REPLACED_STATUSES.contains(status.value()) ? Optional.of(failure) : Optional.empty();
    }

    private Optional<Throwable> failed(Throwable error, long nanos) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, error);
        return Optional.of(error);
    }

    /** A 5xx answer, counted as a failure of the service. */
    static final class FailedAnswer extends RuntimeException {

        FailedAnswer(HttpStatusCode status) {
            super("HTTP " + status.value(), null, false, false);
        }
    }

    @Override
    public String toString() {
        return "ServiceCircuitBreaker[" + service + "]";
    }
}

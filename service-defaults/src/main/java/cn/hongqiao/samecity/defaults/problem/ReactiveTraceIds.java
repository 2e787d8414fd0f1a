package cn.hongqiao.samecity.defaults.problem;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.MDC;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id of a reactive request, read from its server observation. Reactive code runs a
 * request on whichever thread signals it, and carrying the MDC from operator to operator (Reactor's
 * automatic context propagation) cost a fifth of the gateway's CPU per request; the exchange
 * always knows its trace.
 */
public final class ReactiveTraceIds {

    private ReactiveTraceIds() {
    }

    /** The request's trace id, or the MDC's when the request has no observation; null without either. */
    public static String of(ServerWebExchange exchange) {
        Span span = spanOf(exchange);
        return span != null ? span.context().traceId() : MDC.get("traceId");
    }

    /** The span of the request's server observation, or null when it has none (tracing off). */
    public static @org.jspecify.annotations.Nullable Span spanOf(ServerWebExchange exchange) {
        ServerRequestObservationContext context = ServerRequestObservationContext.findCurrent(exchange.getAttributes()).orElse(null);
        TracingObservationHandler.TracingContext tracing = context == null ? null
                : context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }

    /** Puts the request's trace id in the MDC for one log statement. */
    public static MDC.MDCCloseable inLogs(ServerWebExchange exchange) {
        String traceId = of(exchange);
        return MDC.putCloseable("traceId", traceId == null ? "" : traceId);
    }
}

package cn.hongqiao.samecity.gateway.routes;

import cn.hongqiao.samecity.defaults.problem.ReactiveTraceIds;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace passed on to the service: the W3C trace context ({@code traceparent}, {@code tracestate})
 * of the gateway's own span for the request (its {@code http.server.requests} observation, a child of
 * the caller's span when the caller sent one), so that the service's span is its child and keeps its
 * sampling decision. One span per request at the gateway, as Envoy and nginx's OpenTelemetry module
 * make: Spring Cloud Gateway's observation of the call to the service (a second observation and span
 * per request, with its own tags, and a timer read by no dashboard) is off
 * ({@code spring.cloud.gateway.server.webflux.observability.enabled: false}). Headers it may not
 * change (a read-only view, which the gateway's earlier header filters do not hand it) are copied.
 */
final class TraceContextPassedOn implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;

    TraceContextPassedOn(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Span span = ReactiveTraceIds.spanOf(exchange);
        if (span == null) {
            return input;
        }
        try {
            propagator.inject(span.context(), input, HttpHeaders::set);
            return input;
        } catch (UnsupportedOperationException readOnly) {
            HttpHeaders copy = new HttpHeaders();
            copy.putAll(input);
            propagator.inject(span.context(), copy, HttpHeaders::set);
            return copy;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

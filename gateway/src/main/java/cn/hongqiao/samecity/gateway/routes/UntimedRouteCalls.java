package cn.hongqiao.samecity.gateway.routes;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;

/**
 * Spring Boot's observation timers, except for a route's call to its service
 * ({@code http.client.requests} with the route's id, read by no dashboard or alert): each request
 * is timed once at the gateway, on {@code http.server.requests} with its route, and again by the
 * service itself; the call's span stays in the trace, and the gateway's own calls (the dashboard's
 * reads) keep their timers. Denying the meter instead still built its tags and looked it up on
 * every request. Installed around Spring Boot's handler by {@link #aroundSpringBoots()}.
 */
final class UntimedRouteCalls implements MeterObservationHandler<Observation.Context> {

    private final MeterObservationHandler<Observation.Context> timers;

    UntimedRouteCalls(MeterObservationHandler<Observation.Context> timers) {
        this.timers = timers;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return !(context instanceof GatewayContext) && timers.supportsContext(context);
    }

    @Override
    public void onStart(Observation.Context context) {
        timers.onStart(context);
    }

    @Override
    public void onError(Observation.Context context) {
        timers.onError(context);
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
        timers.onEvent(event, context);
    }

    @Override
    public void onScopeOpened(Observation.Context context) {
        timers.onScopeOpened(context);
    }

    @Override
    public void onScopeClosed(Observation.Context context) {
        timers.onScopeClosed(context);
    }

    @Override
    public void onScopeReset(Observation.Context context) {
        timers.onScopeReset(context);
    }

    @Override
    public void onStop(Observation.Context context) {
        timers.onStop(context);
    }

    /** Spring Boot defines its handler without a condition to back off: its bean is wrapped once configured. */
    static BeanPostProcessor aroundSpringBoots() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DefaultMeterObservationHandler timers ? new UntimedRouteCalls(timers) : bean;
            }
        };
    }
}

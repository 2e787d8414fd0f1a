package cn.hongqiao.samecity.gateway.routes;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The gateway's {@code http.server.requests} carry the route that served each request
 * ({@code routeId}: the service's name, {@code none} for the gateway's own answers and for requests
 * refused before routing), so one timer per request gives the operators' per-route rates, errors
 * and latencies. Spring Cloud Gateway's own route metrics ({@code spring.cloud.gateway.requests})
 * timed every request a second time, with a histogram of its own, and are off.
 */
final class RouteTaggedRequests extends DefaultServerRequestObservationConvention {

    static final String ROUTE_ID = "routeId";
    static final String NO_ROUTE = "none";

    private static final KeyValue UNROUTED = KeyValue.of(ROUTE_ID, NO_ROUTE);

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        Object route = context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return super.getLowCardinalityKeyValues(context)
                .and(route instanceof Route r ? KeyValue.of(ROUTE_ID, r.getId()) : UNROUTED);
    }
}

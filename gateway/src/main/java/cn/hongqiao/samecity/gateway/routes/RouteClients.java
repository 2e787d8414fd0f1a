package cn.hongqiao.samecity.gateway.routes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's routing filter, each route's HTTP client configured once rather than on
 * every request. For a route with its own connect timeout, Spring Cloud Gateway copies its whole
 * HTTP client configuration on every request; and it times a route's response timeout with Reactor's
 * {@code timeout} operator, which schedules a task on Reactor's parallel scheduler (another thread's
 * queue, under its lock) for every request and cancels it when the answer comes. Here a route's
 * client carries its connect timeout and Reactor Netty's response timeout, which the connection's own
 * event loop keeps, and is made the first time the route is used (again when its routes are rebuilt).
 * <p>
 * A route names its response timeout in {@link #RESPONSE_TIMEOUT_ATTR} (milliseconds), not in Spring
 * Cloud Gateway's {@code response-timeout}, which would time the answer a second time. A service that
 * does not answer in time fails the call with Netty's {@code ReadTimeoutException}; the route's
 * breaker counts it and {@link Unavailable} answers 503 with reason {@code timeout}. Reactor Netty
 * allows the time between reads of the answer, so a service that keeps sending is not cut off
 * mid-answer. Installed in place of Spring Cloud Gateway's bean by {@link #replacingSpringCloudGateways}.
 */
final class RouteClients extends NettyRoutingFilter {

    /** Route metadata: how long (milliseconds) the route's service may take to answer. */
    static final String RESPONSE_TIMEOUT_ATTR = "platform-response-timeout";

    private final HttpClient shared;
    private final Map<String, Configured> byRoute = new ConcurrentHashMap<>();

    RouteClients(HttpClient shared, ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties) {
        super(shared, headersFilters, properties);
        this.shared = shared;
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        Configured configured = byRoute.get(route.getId());
        if (configured == null || configured.route() != route) {
            configured = new Configured(route, configure(route, exchange));
            byRoute.put(route.getId(), configured);
        }
        return configured.client();
    }

    private HttpClient configure(Route route, ServerWebExchange exchange) {
        Map<String, Object> metadata = route.getMetadata();
        HttpClient client = metadata.containsKey(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR)
                ? shared.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(millis(metadata.get(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR))))
                : super.getHttpClient(route, exchange);
        Object responseTimeout = metadata.get(RESPONSE_TIMEOUT_ATTR);
        return responseTimeout == null ? client : client.responseTimeout(Duration.ofMillis(millis(responseTimeout)));
    }

    /** Milliseconds as route metadata holds them: a number from code, text from configuration. */
    private static long millis(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    }

    /** A route's client, while the route is the one the gateway routes with. */
    private record Configured(Route route, HttpClient client) {
    }

    /** Spring Cloud Gateway defines its routing filter without a condition to back off: its bean is swapped for this. */
    static BeanPostProcessor replacingSpringCloudGateways(ObjectProvider<HttpClient> httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, ObjectProvider<HttpClientProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
                return bean.getClass() == NettyRoutingFilter.class
                        ? new RouteClients(httpClient.getObject(), headersFilters, properties.getObject()) : bean;
            }
        };
    }
}

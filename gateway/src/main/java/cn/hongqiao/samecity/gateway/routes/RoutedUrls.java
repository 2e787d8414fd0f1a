package cn.hongqiao.samecity.gateway.routes;

import java.net.URI;
import java.net.URISyntaxException;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * The address a request is routed to (Spring Cloud Gateway's {@code GATEWAY_REQUEST_URL_ATTR}): the
 * route's scheme, host and port in front of the path and query exactly as the caller sent them.
 * Spring Cloud Gateway's filter got there by matching the route's address against a regular
 * expression, checking the request's path and query for percent-encoding by building them once, then
 * building them again through {@code UriComponentsBuilder} (which splits the query into a map of
 * parameters and joins it back) and turning that into text and the text into a {@code URI} (together
 * 3 % of the gateway's CPU per request, JFR 2026-12-06); here it is one piece of text parsed once.
 * <p>
 * What differs is only what that map did to a query: Spring Cloud Gateway regrouped a repeated
 * parameter ({@code b=2&a=1&b=3} reached the service as {@code b=2&b=3&a=1}), dropped empty pairs and
 * a nameless value's {@code =} ({@code &&=x} became {@code &x}), and encoded a percent-encoded path
 * a second time when the query held a character it did not expect ({@code /p/%E4%B8%AD?q=中} reached
 * the service as {@code /p/%25E4%25B8%25AD}). Here the service receives what the caller sent, as
 * nginx passes it on. A route whose address names no host ({@code lb:}, or another scheme in front of
 * one) is routed by Spring Cloud Gateway's code, as before. Installed in place of Spring Cloud
 * Gateway's bean by {@link #replacingSpringCloudGateways()}.
 */
final class RoutedUrls extends RouteToRequestUrlFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null || route.getUri().getHost() == null) {
            return super.filter(exchange, chain);
        }
        URI routed;
        try {
            routed = routed(exchange.getRequest().getURI(), route.getUri());
        } catch (URISyntaxException unexpected) {
            // what the request's own URI held cannot fail to parse again; if it did, Spring Cloud Gateway's way decides
            return super.filter(exchange, chain);
        }
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, routed);
        return chain.filter(exchange);
    }

    /** The request's address with the route's scheme, host and port; its path, query and fragment as they were. */
    static URI routed(URI requested, URI route) throws URISyntaxException {
        StringBuilder routed = new StringBuilder(128).append(route.getScheme()).append("://");
        if (requested.getRawUserInfo() != null) {
            routed.append(requested.getRawUserInfo()).append('@');
        }
        routed.append(route.getHost());
        if (route.getPort() != -1) {
            routed.append(':').append(route.getPort());
        }
        String path = requested.getRawPath();
        if (path != null && !path.isEmpty()) {
            if (path.charAt(0) != '/') {
                routed.append('/');
            }
            routed.append(path);
        }
        String query = requested.getRawQuery();
        if (query != null && !query.isEmpty()) {
            routed.append('?').append(query);
        }
        if (requested.getRawFragment() != null) {
            routed.append('#').append(requested.getRawFragment());
        }
        return new URI(routed.toString());
    }

    /** Spring Cloud Gateway defines its filter without a condition to back off: its bean is swapped for this. */
    static BeanPostProcessor replacingSpringCloudGateways() {
        return SpringCloudGatewayBeans.replacing(RouteToRequestUrlFilter.class, RoutedUrls.class, configured -> new RoutedUrls());
    }
}

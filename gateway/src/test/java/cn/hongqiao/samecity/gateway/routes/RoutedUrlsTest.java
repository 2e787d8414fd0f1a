package cn.hongqiao.samecity.gateway.routes;

import java.net.URI;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_SCHEME_PREFIX_ATTR;

/**
 * The routed address is the route's scheme, host and port in front of the caller's path and query as
 * sent: the same as Spring Cloud Gateway's for every well-formed query, and the caller's own where
 * Spring Cloud Gateway's rebuilt the query.
 */
class RoutedUrlsTest {

    private static final String SERVICE = "http://localhost:8081";

    @Test
    void theRoutesAddressInFrontOfThePathAndQueryAsSpringCloudGatewayWritesIt() {
        for (String requested : new String[] { "http://gateway.example/api/v1/projects",
                "http://gateway.example:8080/api/v1/projects?zone=WEST_STATION_SOUTH&page=2&size=20",
                "https://gateway.example/api/v1/projects/%E4%B8%AD?q=%E8%A5%BF%E7%AB%99%E5%8D%97&x=%2F",
                "http://gateway.example/api/v1/projects;v=1/units?a=b=c&d=", "http://gateway.example/api/v1/projects?",
                "http://[::1]:8080/api/v1/projects/p1" }) {
            for (String service : new String[] { SERVICE, "https://projects.internal", "http://[::1]:9000" }) {
                assertThat(routedHere(requested, service)).as("%s routed to %s", requested, service)
                        .isEqualTo(routedBySpringCloudGateway(requested, service));
            }
        }
        assertThat(routedHere("http://gateway.example:8080/api/v1/projects?zone=WEST_STATION_SOUTH", SERVICE))
                .isEqualTo(URI.create("http://localhost:8081/api/v1/projects?zone=WEST_STATION_SOUTH"));
    }

    @Test
    void aQueryReachesTheServiceAsTheCallerWroteIt() {
        // Spring Cloud Gateway regrouped the repeated parameter and dropped the empty pair and the nameless value's "="
        String requested = "http://gateway.example/api/v1/projects?b=2&a=1&b=3&&=x&c";
        assertThat(routedBySpringCloudGateway(requested, SERVICE)).hasToString("http://localhost:8081/api/v1/projects?b=2&b=3&a=1&x&c");
        assertThat(routedHere(requested, SERVICE)).hasToString("http://localhost:8081/api/v1/projects?b=2&a=1&b=3&&=x&c");

        // Spring Cloud Gateway encoded the encoded path a second time when the query held a character it did not expect
        String mixed = "http://gateway.example/api/v1/projects/%E4%B8%AD?q=中";
        assertThat(routedBySpringCloudGateway(mixed, SERVICE)).hasToString("http://localhost:8081/api/v1/projects/%25E4%25B8%25AD?q=中");
        assertThat(routedHere(mixed, SERVICE)).hasToString("http://localhost:8081/api/v1/projects/%E4%B8%AD?q=中");
    }

    @Test
    void aRouteWhoseAddressNamesNoHostIsRoutedBySpringCloudGatewaysCode() {
        MockServerWebExchange exchange = exchange("http://gateway.example/ws/x?y=1", "ws:http://localhost:8081");

        new RoutedUrls().filter(exchange, done()).block();

        assertThat((Object) exchange.getAttribute(GATEWAY_SCHEME_PREFIX_ATTR)).isEqualTo("ws");
        assertThat((URI) exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR)).hasToString("http://localhost:8081/ws/x?y=1");
    }

    @Test
    void aRequestNoRouteTookPassesUntouched() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://gateway.example/actuator/health"));

        new RoutedUrls().filter(exchange, done()).block();

        assertThat((URI) exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR)).isNull();
    }

    private static URI routedHere(String requested, String service) {
        return routedBy(new RoutedUrls(), requested, service);
    }

    private static URI routedBySpringCloudGateway(String requested, String service) {
        return routedBy(new RouteToRequestUrlFilter(), requested, service);
    }

    private static URI routedBy(RouteToRequestUrlFilter filter, String requested, String service) {
        MockServerWebExchange exchange = exchange(requested, service);
        filter.filter(exchange, done()).block();
        return exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
    }

    private static MockServerWebExchange exchange(String requested, String service) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(requested)));
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, Route.async().id("projects-service").uri(service).predicate(any -> true).build());
        return exchange;
    }

    private static GatewayFilterChain done() {
        return (ServerWebExchange exchange) -> Mono.empty();
    }
}

package cn.hongqiao.samecity.gateway.routes;

import java.time.Duration;
import java.util.List;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each route's HTTP client is configured once, with its timeouts, and reused for every request of
 * that route (GatewayRoutingTest shows the timeouts at work against a slow service, and the calls
 * the routing filter makes with them).
 */
class RouteClientsTest {

    final HttpClient shared = HttpClient.create();
    final RouteClients clients = new RouteClients(shared, new StaticListableBeanFactory().getBeanProvider(
            ResolvableType.forClassWithGenerics(List.class, HttpHeadersFilter.class)), new HttpClientProperties());

    @Test
    void aRouteWithTimeoutsGetsOneClientCarryingThem() {
        Route route = route("projects-service", 2000L, 500);
        HttpClient client = clients.getHttpClient(route, null);

        assertThat(client.configuration().responseTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(client.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(500);
        assertThat(clients.getHttpClient(route, null)).as("the next request of the route").isSameAs(client);
        assertThat(shared.configuration().responseTimeout()).as("the shared client is left as it was").isNull();
    }

    @Test
    void timeoutsFromConfigurationAreReadAsText() {
        HttpClient client = clients.getHttpClient(route("from-yaml", "1500", "250"), null);

        assertThat(client.configuration().responseTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(client.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(250);
    }

    @Test
    void aRebuiltRouteGetsAClientFromItsNewTimeouts() {
        HttpClient before = clients.getHttpClient(route("projects-service", 2000L, 500), null);
        HttpClient after = clients.getHttpClient(route("projects-service", 3000L, 500), null);

        assertThat(after).isNotSameAs(before);
        assertThat(after.configuration().responseTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aRouteWithoutTimeoutsUsesTheSharedClient() {
        Route route = Route.async().id("api-docs").uri("http://localhost:8081").predicate(exchange -> true).build();

        assertThat(clients.getHttpClient(route, null)).isSameAs(shared);
    }

    @Test
    void springCloudGatewaysResponseTimeoutsAreKeptTheSameWayWhenARouteNamesNoneOfItsOwn() {
        var properties = new HttpClientProperties();
        properties.setResponseTimeout(Duration.ofSeconds(4));
        var withGlobal = new RouteClients(shared, new StaticListableBeanFactory().getBeanProvider(
                ResolvableType.forClassWithGenerics(List.class, HttpHeadersFilter.class)), properties);

        assertThat(withGlobal.getHttpClient(plain("global"), null).configuration().responseTimeout())
                .as("the global one").isEqualTo(Duration.ofSeconds(4));
        assertThat(withGlobal.getHttpClient(springCloudGateways("its-own", "700"), null).configuration().responseTimeout())
                .as("the route's own").isEqualTo(Duration.ofMillis(700));
        assertThat(withGlobal.getHttpClient(springCloudGateways("none", -1), null).configuration().responseTimeout())
                .as("negative: none, not the global one").isNull();
        assertThat(clients.getHttpClient(plain("no-timeout"), null)).as("neither: the shared client").isSameAs(shared);
    }

    @Test
    void springCloudGatewaysRoutingFilterIsReplacedOnce() {
        var factory = new StaticListableBeanFactory();
        factory.addBean("httpClient", shared);
        factory.addBean("properties", new HttpClientProperties());
        var replacing = RouteClients.replacingSpringCloudGateways(factory.getBeanProvider(HttpClient.class),
                factory.getBeanProvider(ResolvableType.forClassWithGenerics(List.class, HttpHeadersFilter.class)),
                factory.getBeanProvider(HttpClientProperties.class));

        Object replaced = replacing.postProcessAfterInitialization(
                new NettyRoutingFilter(shared, factory.getBeanProvider(ResolvableType.forClassWithGenerics(List.class, HttpHeadersFilter.class)),
                        new HttpClientProperties()), "routingFilter");
        assertThat(replaced).isInstanceOf(RouteClients.class);
        assertThat(((RouteClients) replaced).getOrder()).isEqualTo(NettyRoutingFilter.ORDER);
        assertThat(replacing.postProcessAfterInitialization(replaced, "routingFilter")).isSameAs(replaced);
    }

    private static Route plain(String id) {
        return Route.async().id(id).uri("http://localhost:8081").predicate(exchange -> true).build();
    }

    private static Route springCloudGateways(String id, Object responseTimeout) {
        return Route.async().id(id).uri("http://localhost:8081").predicate(exchange -> true)
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, responseTimeout).build();
    }

    private static Route route(String id, Object responseTimeout, Object connectTimeout) {
        return Route.async().id(id).uri("http://localhost:8081").predicate(exchange -> true)
                .metadata(RouteClients.RESPONSE_TIMEOUT_ATTR, responseTimeout)
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, connectTimeout).build();
    }
}

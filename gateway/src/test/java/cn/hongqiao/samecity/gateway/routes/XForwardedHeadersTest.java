package cn.hongqiao.samecity.gateway.routes;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * The gateway's {@code X-Forwarded-*} and its removal of a caller's {@code Forwarded} header say what
 * Spring Cloud Gateway's own filters say, for trusted and untrusted callers, headers the caller sent,
 * schemes and ports, a prefix the route took off, and every switch.
 */
class XForwardedHeadersTest {

    /** The gateway's default (application.yml): loopback and the private ranges. */
    static final String TRUSTED = "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|10\\..*|192\\.168\\..*|172\\.(1[6-9]|2[0-9]|3[01])\\..*";

    @Test
    void aTrustedCallerWithoutForwardedHeadersGetsTheGatewaysOwn() {
        HttpHeaders headers = sameAsSpringCloudGateway(request("http://localhost:8080/api/v1/projects/1", "127.0.0.1"), filter -> { });

        assertThat(headers.get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(headers.get("X-Forwarded-Proto")).containsExactly("http");
        assertThat(headers.get("X-Forwarded-Port")).containsExactly("8080");
        assertThat(headers.get("X-Forwarded-Host")).containsExactly("localhost:8080");
        assertThat(headers.get("Accept")).containsExactly("application/json");
    }

    @Test
    void aTrustedProxysForwardedForKeepsOnlyTrustedAddressesAndAppendsTheCaller() {
        HttpHeaders headers = sameAsSpringCloudGateway(request("http://gateway.example/api/v1/projects", "10.1.2.3")
                .header("X-Forwarded-For", "10.0.0.5", "203.0.113.7", "203.0.113.9, 10.0.0.6", "192.168.1.1")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "portal.example")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/edge"), filter -> { });

        assertThat(headers.get("X-Forwarded-For")).containsExactly("10.0.0.5,192.168.1.1,10.1.2.3");
        assertThat(headers.get("X-Forwarded-Proto")).containsExactly("https,http");
        assertThat(headers.get("X-Forwarded-Host")).containsExactly("portal.example,gateway.example");
        assertThat(headers.get("X-Forwarded-Prefix")).containsExactly("/edge");
    }

    @Test
    void anUntrustedCallersForwardedHeadersAreReplacedByTheGatewaysOwn() {
        HttpHeaders headers = sameAsSpringCloudGateway(request("https://gateway.example:8443/api/v1/projects", "203.0.113.7")
                .header("X-Forwarded-For", "10.0.0.5").header("x-forwarded-host", "spoofed.example")
                .header("X-Forwarded-Prefix", "/admin").header("X-Request-Id", "kept"), filter -> { });

        assertThat(headers.get("X-Forwarded-For")).containsExactly("203.0.113.7");
        assertThat(headers.get("X-Forwarded-Host")).containsExactly("gateway.example:8443");
        assertThat(headers.get("X-Forwarded-Port")).containsExactly("8443");
        assertThat(headers.get("X-Forwarded-Prefix")).isNull();
        assertThat(headers.get("X-Request-Id")).containsExactly("kept");
    }

    @Test
    void defaultPortsAndSchemes() {
        sameAsSpringCloudGateway(request("https://gateway.example/x", "127.0.0.1"), filter -> { });
        sameAsSpringCloudGateway(request("https://gateway.example:443/x", "127.0.0.1"), filter -> { });
        sameAsSpringCloudGateway(request("http://gateway.example:80/x", "127.0.0.1"), filter -> { });
        sameAsSpringCloudGateway(request("http://gateway.example:443/x", "0:0:0:0:0:0:0:1"), filter -> { });
    }

    @Test
    void noCallerAddress() {
        sameAsSpringCloudGateway(MockServerHttpRequest.get("http://localhost:8080/x").header("X-Forwarded-For", "10.0.0.5", "203.0.113.7"),
                filter -> { });
    }

    /**
     * The one difference: the client's address a trusted proxy named (the request's remote address,
     * unresolved, once edge.TrustedForwardedHeaders applied the proxy's headers) is passed on; Spring
     * Cloud Gateway passed on no X-Forwarded-For then.
     */
    @Test
    void aClientAddressATrustedProxyNamedIsPassedOn() {
        for (String client : List.of("203.0.113.7", "10.0.0.9")) {
            ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("https://portal.example/x")
                    .remoteAddress(InetSocketAddress.createUnresolved(client, 0)));
            XForwardedHeadersFilter springCloudGateways = new XForwardedHeadersFilter(TRUSTED);
            HttpHeaders expected = springCloudGateways.filter(exchange.getRequest().getHeaders(), exchange);
            HttpHeaders actual = new XForwardedHeaders(springCloudGateways, TRUSTED).filter(exchange.getRequest().getHeaders(), exchange);

            assertThat(expected.get("X-Forwarded-For")).isNull();
            assertThat(actual.get("X-Forwarded-For")).containsExactly(client);
            actual.remove("X-Forwarded-For");
            assertThat(byName(actual)).isEqualTo(byName(expected));
        }
    }

    @Test
    void thePrefixARouteTookOff() {
        for (String[] paths : new String[][] {{"/prefix/get", "/get"}, {"/prefix/get/", "/get/"}, {"/a/b/a/b", "/a/b"}, {"/get", "/get"},
                {"/v3/api-docs", "/api-docs/projects-service"}, {"/prefix/", "/"}, {"/prefix", ""}}) {
            ServerWebExchange exchange = MockServerWebExchange.from(request("http://localhost:8080" + paths[0], "127.0.0.1")
                    .header("X-Forwarded-Prefix", "/outer"));
            exchange.getAttributes().put(GATEWAY_ORIGINAL_REQUEST_URL_ATTR, new LinkedHashSet<>(List.of(URI.create("http://localhost:8080" + paths[0]))));
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create("http://projects:8081" + paths[1]));
            sameAsSpringCloudGateway(exchange, filter -> { });
            sameAsSpringCloudGateway(exchange, filter -> filter.setPrefixAppend(false));
        }
    }

    @Test
    void everySwitch() {
        List<Consumer<XForwardedHeadersFilter>> switches = List.of(
                filter -> filter.setForAppend(false), filter -> filter.setForEnabled(false),
                filter -> filter.setProtoAppend(false), filter -> filter.setProtoEnabled(false),
                filter -> filter.setPortAppend(false), filter -> filter.setPortEnabled(false),
                filter -> filter.setHostAppend(false), filter -> filter.setHostEnabled(false),
                filter -> filter.setPrefixEnabled(false), filter -> filter.setOrder(7));
        for (Consumer<XForwardedHeadersFilter> configured : switches) {
            for (String caller : List.of("127.0.0.1", "203.0.113.7")) {
                sameAsSpringCloudGateway(request("http://localhost:8080/x", caller).header("X-Forwarded-For", "10.0.0.5", "203.0.113.8")
                        .header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443").header("X-Forwarded-Host", "portal.example"),
                        configured);
            }
        }
    }

    @Test
    void aCallersForwardedHeaderIsRemovedAndARequestWithoutOneKeepsItsHeaders() {
        RemoveForwardedHeadersFilter springCloudGateways = new RemoveForwardedHeadersFilter();
        ForwardedHeaderRemoved removed = new ForwardedHeaderRemoved();
        ServerWebExchange with = MockServerWebExchange.from(request("http://localhost:8080/x", "127.0.0.1")
                .header("forwarded", "for=203.0.113.7;proto=https").header("X-Kept", "yes"));
        HttpHeaders readOnly = with.getRequest().getHeaders();
        HttpHeaders mutable = HttpHeaders.copyOf(readOnly);

        assertThat(byName(removed.filter(readOnly, with))).isEqualTo(byName(springCloudGateways.filter(readOnly, with)))
                .doesNotContainKey("forwarded").containsKey("x-kept");
        assertThat(removed.filter(mutable, with)).as("removed in place").isSameAs(mutable);
        assertThat(mutable.containsHeader("Forwarded")).isFalse();
        assertThat(removed.getOrder()).isEqualTo(springCloudGateways.getOrder());

        ServerWebExchange without = MockServerWebExchange.from(request("http://localhost:8080/x", "127.0.0.1").header("X-Kept", "yes"));
        HttpHeaders headers = without.getRequest().getHeaders();
        assertThat(removed.filter(headers, without)).as("not copied").isSameAs(headers);
    }

    private static MockServerHttpRequest.BaseBuilder<?> request(String url, String caller) {
        return MockServerHttpRequest.get(url).remoteAddress(new InetSocketAddress(caller, 52000)).header("Accept", "application/json");
    }

    private static HttpHeaders sameAsSpringCloudGateway(MockServerHttpRequest.BaseBuilder<?> request, Consumer<XForwardedHeadersFilter> configured) {
        return sameAsSpringCloudGateway(MockServerWebExchange.from(request), configured);
    }

    /** Both filters, configured alike, given the request's (read-only) headers: the same headers, values and order of values. */
    private static HttpHeaders sameAsSpringCloudGateway(ServerWebExchange exchange, Consumer<XForwardedHeadersFilter> configured) {
        XForwardedHeadersFilter springCloudGateways = new XForwardedHeadersFilter(TRUSTED);
        configured.accept(springCloudGateways);
        XForwardedHeaders ours = new XForwardedHeaders(springCloudGateways, TRUSTED);

        HttpHeaders expected = springCloudGateways.filter(exchange.getRequest().getHeaders(), exchange);
        HttpHeaders actual = ours.filter(exchange.getRequest().getHeaders(), exchange);

        assertThat(byName(actual)).as("%s from %s", exchange.getRequest().getURI(), exchange.getRequest().getRemoteAddress())
                .isEqualTo(byName(expected));
        assertThat(ours.getOrder()).isEqualTo(springCloudGateways.getOrder());
        return actual;
    }

    private static Map<String, List<String>> byName(HttpHeaders headers) {
        Map<String, List<String>> byName = new TreeMap<>();
        headers.forEach((name, values) -> byName.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return byName;
    }
}

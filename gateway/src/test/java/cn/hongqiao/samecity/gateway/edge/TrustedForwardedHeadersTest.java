package cn.hongqiao.samecity.gateway.edge;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller says in {@code Forwarded} and {@code X-Forwarded-*} is believed from a trusted proxy
 * and from no one else; either way the headers go no further (GatewayRoutingTest shows what the
 * services then get).
 */
class TrustedForwardedHeadersTest {

    final TrustedForwardedHeaders transformer = new TrustedForwardedHeaders("127\\.0\\.0\\.1|10\\..*");

    @Test
    void aTrustedProxyNamesTheClientAndTheAddressItCalled() {
        ServerHttpRequest request = transformer.apply(request("10.1.2.3")
                .header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "portal.example").header("X-Forwarded-Port", "443").build());

        assertThat(request.getRemoteAddress().getHostString()).isEqualTo("203.0.113.7");
        assertThat(request.getURI().toString()).isEqualTo("https://portal.example/api/v1/projects?page=1");
        assertThat(request.getHeaders().headerNames()).noneMatch(name -> name.toLowerCase().startsWith("x-forwarded"));
    }

    @Test
    void anyOtherCallerIsWhatItsConnectionSaysAndItsForwardedHeadersAreDropped() {
        ServerHttpRequest request = transformer.apply(request("203.0.113.50")
                .header("X-Forwarded-For", "10.0.0.1").header("X-Forwarded-Host", "admin.example")
                .header("Forwarded", "for=10.0.0.2;proto=https;host=admin.example").header("X-Kept", "yes").build());

        assertThat(request.getRemoteAddress().getHostString()).isEqualTo("203.0.113.50");
        assertThat(request.getURI().toString()).isEqualTo("http://gateway.example:8080/api/v1/projects?page=1");
        assertThat(request.getHeaders().headerNames()).containsExactly("X-Kept");
    }

    @Test
    void aRequestWithoutForwardedHeadersIsLeftAsItIs() {
        ServerHttpRequest request = request("203.0.113.50").header("X-Kept", "yes").build();

        assertThat(transformer.apply(request)).isSameAs(request);
    }

    private static MockServerHttpRequest.BaseBuilder<?> request(String caller) {
        return MockServerHttpRequest.get("http://gateway.example:8080/api/v1/projects?page=1").remoteAddress(new InetSocketAddress(caller, 41000));
    }
}

package cn.hongqiao.samecity.gateway.routes;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Headers kept in Netty's form on their way through the gateway (GatewayRoutingTest walks them through routes). */
class NettyHeadersTest {

    @Test
    void aServicesAnswerIsCopiedSoThatFiltersChangeTheCopyOnly() {
        var answered = new DefaultHttpHeaders().add("Content-Type", "application/json").add("Vary", "Origin").add("Vary", "Accept")
                .add("Keep-Alive", "timeout=60");
        HttpHeaders copy = NettyHeaders.copyOf(answered);

        copy.remove("keep-alive");
        assertThat(copy.get("vary")).containsExactly("Origin", "Accept");
        assertThat(copy.containsHeader("Keep-Alive")).isFalse();
        assertThat(answered.contains("Keep-Alive")).as("the service's answer as it came").isTrue();
    }

    @Test
    void entriesReachTheirDestinationInOrderAndEachIsValidatedThere() {
        NettyHeaders headers = headers("X-Forwarded-For", "203.0.113.7", "Accept", "application/json", "Accept", "application/problem+json");

        var sent = new DefaultHttpHeaders();
        headers.addTo(sent);
        assertThat(sent.getAll("accept")).containsExactly("application/json", "application/problem+json");
        assertThat(sent.get("x-forwarded-for")).isEqualTo("203.0.113.7");

        var response = new HttpHeaders();
        headers.addTo(response);
        assertThat(response.get("Accept")).containsExactly("application/json", "application/problem+json");

        NettyHeaders split = headers("X-Echo", "a\r\nX-Injected: 1");
        assertThatIllegalArgumentException().as("CR/LF refused where headers are sent").isThrownBy(() -> split.addTo(new DefaultHttpHeaders()));
    }

    @Test
    void theNamesHandedToLaterFiltersAreCaseInsensitiveAndFollowTheHeaders() {
        NettyHeaders headers = headers("Content-Type", "application/json", "X-Answer", "one", "X-Answer", "two");

        var names = NettyHeaders.namesOf(headers);
        assertThat(names.contains("content-type")).isTrue();
        assertThat(names.contains("X-ANSWER")).isTrue();
        assertThat(names.contains("Vary")).isFalse();
        assertThat(names).hasSize(2).containsExactlyInAnyOrder("Content-Type", "X-Answer");
    }

    /** Names and values in turn. */
    private static NettyHeaders headers(String... namesAndValues) {
        NettyHeaders headers = NettyHeaders.empty();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}

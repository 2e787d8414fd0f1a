package cn.hongqiao.samecity.defaults.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bearer token is read from the header exactly as Spring Security's converter reads it, without its regular expression. */
class BearerTokensTest {

    final ServerAuthenticationConverter ours = new BearerTokens();
    final ServerAuthenticationConverter springs = new ServerBearerTokenAuthenticationConverter();

    @Test
    void aWellFormedTokenIsReadAndNoTokenIsNoAuthentication() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaXRpemVuIn0.c2ln-_~+/==";
        assertThat(((BearerTokenAuthenticationToken) convert(ours, "Bearer " + token)).getToken()).isEqualTo(token);
        assertThat(((BearerTokenAuthenticationToken) convert(ours, "bEARER " + token)).getToken()).isEqualTo(token);
        assertThat(convert(ours, null)).isNull();
        assertThat(convert(ours, "Basic dXNlcjpwYXNz")).isNull();
    }

    @Test
    void aHeaderThatClaimsABearerTokenButIsMalformedIsAnInvalidToken() {
        for (String malformed : List.of("Bearer", "Bearer ", "Bearer  abc", "Bearerabc", "Bearer abc def", "Bearer =abc", "Bearer abc=d",
                "Bearer abc\n", "Bearer 令牌")) {
            assertThatThrownBy(() -> convert(ours, malformed)).as(malformed).isInstanceOf(OAuth2AuthenticationException.class)
                    .satisfies(e -> assertThat(((OAuth2AuthenticationException) e).getError().getErrorCode()).isEqualTo("invalid_token"));
        }
    }

    @Test
    void everyCharacterInEveryPositionThatMattersGetsSpringSecuritysVerdict() {
        List<String> differing = new ArrayList<>();
        List<IntFunction<String>> shapes = List.of(c -> "Bearer ab" + (char) c + "cd", c -> "Bearer " + (char) c, c -> "Bearer abc=" + (char) c,
                c -> (char) c + "earer abc", c -> "Bearer" + (char) c + "abc", c -> "Bea" + (char) c + "er abc");
        for (IntFunction<String> shape : shapes) {
            // every char inside the token; around the scheme, Latin and the letters that case-fold oddly
            int last = shape == shapes.get(0) ? Character.MAX_VALUE : 0x24f;
            for (int c : IntStream.concat(IntStream.rangeClosed(0, last),
                    IntStream.of(0x212a, 0x212b, 0x1e9e, 0xff22, 0xff45)).toArray()) {
                String header = shape.apply(c);
                String expected = verdict(springs, header);
                String actual = verdict(ours, header);
                if (!expected.equals(actual)) {
                    differing.add(Integer.toHexString(c) + " in \"" + header + "\": " + actual + " instead of " + expected);
                }
            }
        }
        assertThat(differing).isEmpty();
    }

    private static String verdict(ServerAuthenticationConverter converter, String header) {
        try {
            Authentication authentication = convert(converter, header);
            return authentication == null ? "none" : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        }
        catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }

    private static Authentication convert(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/applications");
        if (header != null) {
            request.header(HttpHeaders.AUTHORIZATION, header);
        }
        return converter.convert(MockServerWebExchange.from(request)).block();
    }
}

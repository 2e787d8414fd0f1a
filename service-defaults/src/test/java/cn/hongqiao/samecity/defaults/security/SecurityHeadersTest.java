package cn.hongqiao.samecity.defaults.security;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's one header writer answers with the headers Spring Security's default {@code headers()} writes. */
class SecurityHeadersTest {

    private static final WebFilter SPRING_SECURITYS = ServerHttpSecurity.http().headers(Customizer.withDefaults()).build()
            .getWebFilters().filter(HttpHeaderWriterWebFilter.class::isInstance).blockFirst();
    private static final WebFilter PLATFORMS = new HttpHeaderWriterWebFilter(new SecurityHeaders());

    @Test
    void anAnswerOverHttpIsNotCachedNotSniffedNotFramedAndSendsNoReferrer() {
        HttpHeaders written = sameAsSpringSecuritys(MockServerHttpRequest.get("http://gateway/api/v1/projects"), response -> {
        });
        assertThat(written.getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(written.getFirst(HttpHeaders.PRAGMA)).isEqualTo("no-cache");
        assertThat(written.getFirst(HttpHeaders.EXPIRES)).isEqualTo("0");
        assertThat(written.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(written.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(written.getFirst("X-XSS-Protection")).isEqualTo("0");
        assertThat(written.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(written.containsHeader("Strict-Transport-Security")).as("HSTS over plain HTTP").isFalse();
    }

    @Test
    void anAnswerOverHttpsAlsoAsksForHttpsForAYear() {
        HttpHeaders written = sameAsSpringSecuritys(MockServerHttpRequest.get("https://gateway/api/v1/projects"), response -> {
        });
        assertThat(written.getFirst("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void aNotModifiedAnswerKeepsItsCachingHeadersUnwritten() {
        HttpHeaders written = sameAsSpringSecuritys(MockServerHttpRequest.get("http://gateway/api/v1/projects/p-1"),
                response -> response.setStatusCode(HttpStatus.NOT_MODIFIED));
        assertThat(written.containsHeader(HttpHeaders.CACHE_CONTROL)).isFalse();
        assertThat(written.getFirst("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void aServiceAnswerNamingOneHeaderOfAGroupKeepsThatGroupAsTheServiceWroteIt() {
        HttpHeaders written = sameAsSpringSecuritys(MockServerHttpRequest.get("http://gateway/assets/index.js"), response -> {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable");
            response.getHeaders().set("X-Frame-Options", "SAMEORIGIN");
            response.getHeaders().set("referrer-policy", "same-origin");
        });
        assertThat(written.getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("max-age=31536000, public, immutable");
        assertThat(written.containsHeader(HttpHeaders.PRAGMA)).isFalse();
        assertThat(written.getFirst("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(written.get("Referrer-Policy")).containsExactly("same-origin");
        assertThat(written.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /** The headers both filters leave on the same answer, compared in full and in order; the platform's returned. */
    private static HttpHeaders sameAsSpringSecuritys(MockServerHttpRequest.BaseBuilder<?> request,
            Consumer<ServerHttpResponse> service) {
        HttpHeaders springs = answer(SPRING_SECURITYS, request, service);
        HttpHeaders platforms = answer(PLATFORMS, request, service);
        assertThat(platforms.toString()).isEqualTo(springs.toString());
        return platforms;
    }

    private static HttpHeaders answer(WebFilter filter, MockServerHttpRequest.BaseBuilder<?> request,
            Consumer<ServerHttpResponse> service) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request.build());
        filter.filter(exchange, answered -> {
            service.accept(answered.getResponse());
            return answered.getResponse().setComplete();
        }).block();
        return exchange.getResponse().getHeaders();
    }
}

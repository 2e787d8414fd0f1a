package cn.hongqiao.samecity.defaults.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A verified token is checked once while it is fresh, and at the gateway its authentication (roles
 * read) is the one it gave the first time; expiry, age and failures send it back to the real decoder.
 */
class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    final AtomicInteger verifications = new AtomicInteger();
    Instant now = NOW;
    final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    ReactiveJwtDecoder issuerExpiringIn(Duration lifetime) {
        return token -> Mono.fromSupplier(() -> {
            verifications.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("signature does not match");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("citizen-1").claim("roles", java.util.List.of("citizen"))
                    .issuedAt(NOW).expiresAt(NOW.plus(lifetime)).build();
        });
    }

    /** The gateway's: the issuer's decoder and the platform's role claims behind the cache. */
    ReactiveAuthenticationManager gatewayTokens(VerifiedTokenCache cache, Duration lifetime) {
        return cache.authenticating(issuerExpiringIn(lifetime));
    }

    static Authentication bearer(String token) {
        return new BearerTokenAuthenticationToken(token);
    }

    @Test
    void theSameTokenIsVerifiedOnceWhileItIsFreshAndGivesTheSameAuthentication() {
        ReactiveAuthenticationManager tokens = gatewayTokens(new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock), Duration.ofHours(1));
        Authentication first = tokens.authenticate(bearer("token-a")).block();
        assertThat(first.getName()).isEqualTo("citizen-1");
        assertThat(first.isAuthenticated()).isTrue();
        assertThat(first.getAuthorities()).extracting(Object::toString).contains("ROLE_CITIZEN");
        for (int call = 0; call < 4; call++) {
            assertThat(tokens.authenticate(bearer("token-a")).block()).isSameAs(first);
        }
        assertThat(tokens.authenticate(bearer("token-b")).block()).isNotSameAs(first);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anythingButABearerTokenGoesToTheManagerAsItCame() {
        AtomicInteger asked = new AtomicInteger();
        Authentication password = UsernamePasswordAuthenticationToken.unauthenticated("someone", "secret");
        ReactiveAuthenticationManager cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock)
                .guarding((ReactiveAuthenticationManager) authentication -> {
                    asked.incrementAndGet();
                    return Mono.just(authentication);
                });
        assertThat(cache.authenticate(password).block()).isSameAs(password);
        assertThat(cache.authenticate(password).block()).isSameAs(password);
        assertThat(asked).hasValue(2);
    }

    @Test
    void anAuthenticationWithoutItsTokenIsNotRemembered() {
        AtomicInteger asked = new AtomicInteger();
        ReactiveAuthenticationManager cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock)
                .guarding((ReactiveAuthenticationManager) authentication -> {
                    asked.incrementAndGet();
                    return Mono.just(UsernamePasswordAuthenticationToken.authenticated("someone", null, java.util.List.of()));
                });
        cache.authenticate(bearer("token-a")).block();
        cache.authenticate(bearer("token-a")).block();
        assertThat(asked).hasValue(2);
    }

    @Test
    void anExpiredTokenGoesBackToTheRealDecoder() {
        ReactiveAuthenticationManager tokens = gatewayTokens(new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock), Duration.ofMinutes(1));
        tokens.authenticate(bearer("token-a")).block();
        now = NOW.plusSeconds(59);
        tokens.authenticate(bearer("token-a")).block();
        now = NOW.plusSeconds(61);
        tokens.authenticate(bearer("token-a")).block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() {
        ReactiveAuthenticationManager tokens = gatewayTokens(new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock), Duration.ofHours(8));
        tokens.authenticate(bearer("token-a")).block();
        now = NOW.plus(Duration.ofMinutes(4));
        tokens.authenticate(bearer("token-a")).block();
        now = NOW.plus(Duration.ofMinutes(5));
        tokens.authenticate(bearer("token-a")).block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aFailedTokenIsNeverRemembered() {
        ReactiveAuthenticationManager tokens = gatewayTokens(new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock), Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.authenticate(bearer("bad-token")).block()).isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> tokens.authenticate(bearer("bad-token")).block()).isInstanceOf(InvalidBearerTokenException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void servletDecodersAreGuardedTheSameWay() {
        ReactiveJwtDecoder issuer = issuerExpiringIn(Duration.ofHours(1));
        JwtDecoder cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock).guarding((JwtDecoder) token -> issuer.decode(token).block());
        assertThat(cache.decode("token-a")).isSameAs(cache.decode("token-a"));
        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void theCacheIsBounded() {
        ReactiveAuthenticationManager tokens = gatewayTokens(new VerifiedTokenCache(Duration.ofMinutes(5), 2, clock), Duration.ofHours(1));
        tokens.authenticate(bearer("token-a")).block();
        tokens.authenticate(bearer("token-b")).block();
        tokens.authenticate(bearer("token-c")).block(); // starts over
        tokens.authenticate(bearer("token-a")).block();
        assertThat(verifications).hasValue(4);
    }
}

package cn.hongqiao.samecity.defaults.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A verified token is checked once while it is fresh; expiry, age and failures send it back to the real decoder. */
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
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("citizen-1")
                    .issuedAt(NOW).expiresAt(NOW.plus(lifetime)).build();
        });
    }

    @Test
    void theSameTokenIsVerifiedOnceWhileItIsFresh() {
        ReactiveJwtDecoder cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock).guarding(issuerExpiringIn(Duration.ofHours(1)));
        for (int call = 0; call < 5; call++) {
            assertThat(cache.decode("token-a").block().getSubject()).isEqualTo("citizen-1");
        }
        cache.decode("token-b").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredTokenGoesBackToTheRealDecoder() {
        ReactiveJwtDecoder cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock).guarding(issuerExpiringIn(Duration.ofMinutes(1)));
        cache.decode("token-a").block();
        now = NOW.plusSeconds(61);
        cache.decode("token-a").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() {
        ReactiveJwtDecoder cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock).guarding(issuerExpiringIn(Duration.ofHours(8)));
        cache.decode("token-a").block();
        now = NOW.plus(Duration.ofMinutes(4));
        cache.decode("token-a").block();
        now = NOW.plus(Duration.ofMinutes(5));
        cache.decode("token-a").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aFailedTokenIsNeverRemembered() {
        ReactiveJwtDecoder cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock).guarding(issuerExpiringIn(Duration.ofHours(1)));
        assertThatThrownBy(() -> cache.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void servletDecodersAreGuardedTheSameWay() {
        ReactiveJwtDecoder issuer = issuerExpiringIn(Duration.ofHours(1));
        JwtDecoder cache = new VerifiedTokenCache(Duration.ofMinutes(5), 100, clock).guarding((JwtDecoder) token -> issuer.decode(token).block());
        cache.decode("token-a");
        cache.decode("token-a");
        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void theCacheIsBounded() {
        ReactiveJwtDecoder cache = new VerifiedTokenCache(Duration.ofMinutes(5), 2, clock).guarding(issuerExpiringIn(Duration.ofHours(1)));
        cache.decode("token-a").block();
        cache.decode("token-b").block();
        cache.decode("token-c").block(); // starts over
        cache.decode("token-a").block();
        assertThat(verifications).hasValue(4);
    }
}

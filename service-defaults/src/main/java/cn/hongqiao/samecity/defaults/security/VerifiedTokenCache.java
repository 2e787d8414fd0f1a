package cn.hongqiao.samecity.defaults.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers tokens whose signature and claims were verified, so that a portal sending the same
 * token on every call costs one signature check per process, not one per request (measured at the
 * gateway: 0.82 to 0.59 ms of CPU per request with a token). A remembered token is used only while
 * it has not expired and for at most {@code maxAge} since it was verified (so a key withdrawn from
 * the issuer's JWKS stops being trusted within that time); anything else, and every token seen for
 * the first time, goes to the real decoder. Failures are never remembered. Bounded: past
 * {@code maxEntries} tokens the cache starts over.
 */
final class VerifiedTokenCache {

    /** How long a verified token is trusted without checking its signature again. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private record Verified(Jwt jwt, Instant until) {
    }

    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** With the system clock, which the decoders' own expiry checks use. */
    VerifiedTokenCache() {
        this(MAX_AGE, MAX_ENTRIES, Clock.systemUTC());
    }

    VerifiedTokenCache(Duration maxAge, int maxEntries, Clock clock) {
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    ReactiveJwtDecoder guarding(ReactiveJwtDecoder decoder) {
        return token -> {
            Instant now = clock.instant();
            Jwt known = known(token, now);
            return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(jwt -> remember(token, jwt, now));
        };
    }

    JwtDecoder guarding(JwtDecoder decoder) {
        return token -> {
            Instant now = clock.instant();
            Jwt known = known(token, now);
            if (known != null) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            remember(token, jwt, now);
            return jwt;
        };
    }

    private Jwt known(String token, Instant now) {
        Verified known = verified.get(token);
        if (known == null) {
            return null;
        }
        if (now.isBefore(known.until())) {
            return known.jwt();
        }
        verified.remove(token, known);
        return null;
    }

    private void remember(String token, Jwt jwt, Instant verifiedAt) {
        Instant until = verifiedAt.plus(maxAge);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, until));
    }
}

package cn.hongqiao.samecity.defaults.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;

/**
 * Remembers tokens whose signature and claims were verified, so that a portal sending the same
 * token on every call costs one signature check per process, not one per request (measured at the
 * gateway: 0.82 to 0.59 ms of CPU per request with a token). A remembered token is used only while
 * it has not expired and for at most {@code maxAge} since it was verified (so a key withdrawn from
 * the issuer's JWKS stops being trusted within that time); anything else, and every token seen for
 * the first time, goes to the real decoder. Failures are never remembered. Bounded: past
 * {@code maxEntries} tokens the cache starts over.
 * <p>
 * On a reactive process (the gateway) what is remembered is the authentication the token gave, so a
 * known token skips both the decoder and the conversion of its claims into roles (1.9 % of the
 * gateway's CPU per request with a token, JFR 2026-12-06). Reactive Spring Security hands that
 * authentication to the request's security context as it is and never changes it; on a servlet
 * process the authentication provider sets each request's details on the authentication it makes,
 * so there only the verified token is remembered and each request converts it anew.
 */
final class VerifiedTokenCache {

    /** How long a verified token is trusted without checking its signature again. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    /** A token's verified form (a {@link Jwt} or the {@link Authentication} it gave), trusted until {@code until}. */
    private record Verified(Object value, Instant until) {
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

    /**
     * The platform's bearer tokens at a reactive process: verified by {@code issuer}, their roles read
     * by {@link RoleClaimsConverter}, and the authentication each gave remembered ({@link #guarding}).
     */
    ReactiveAuthenticationManager authenticating(ReactiveJwtDecoder issuer) {
        JwtReactiveAuthenticationManager verifying = new JwtReactiveAuthenticationManager(issuer);
        verifying.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(RoleClaimsConverter.jwtAuthenticationConverter()));
        return guarding(verifying);
    }

    /**
     * A bearer token's authentication remembered; anything else, and every token not remembered,
     * goes to {@code manager}. Only an authentication that carries its token (and so its expiry) is
     * remembered.
     */
    ReactiveAuthenticationManager guarding(ReactiveAuthenticationManager manager) {
        return authentication -> {
            if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
                return manager.authenticate(authentication);
            }
            String token = bearer.getToken();
            Instant now = clock.instant();
            if (known(token, now) instanceof Authentication known) {
                return Mono.just(known);
            }
            return manager.authenticate(bearer).doOnNext(authenticated -> {
                if (authenticated instanceof AbstractOAuth2TokenAuthenticationToken<?> withToken) {
                    remember(token, authenticated, withToken.getToken().getExpiresAt(), now);
                }
            });
        };
    }

    JwtDecoder guarding(JwtDecoder decoder) {
        return token -> {
            Instant now = clock.instant();
            if (known(token, now) instanceof Jwt known) {
                return known;
            }
            Jwt jwt = decoder.decode(token);
            remember(token, jwt, jwt.getExpiresAt(), now);
            return jwt;
        };
    }

    private Object known(String token, Instant now) {
        Verified known = verified.get(token);
        if (known == null) {
            return null;
        }
        if (now.isBefore(known.until())) {
            return known.value();
        }
        verified.remove(token, known);
        return null;
    }

    private void remember(String token, Object value, Instant expiresAt, Instant verifiedAt) {
        Instant until = verifiedAt.plus(maxAge);
        if (expiresAt != null && expiresAt.isBefore(until)) {
            until = expiresAt;
        }
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
        verified.put(token, new Verified(value, until));
    }
}

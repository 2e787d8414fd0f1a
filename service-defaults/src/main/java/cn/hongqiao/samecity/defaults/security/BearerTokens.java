package cn.hongqiao.samecity.defaults.security;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The bearer token of a request's {@code Authorization} header (RFC 6750 §2.1), read as Spring
 * Security's {@code ServerBearerTokenAuthenticationConverter} reads it with its defaults (header
 * only, never a query parameter): no {@code Authorization: Bearer...}, no token; a header that
 * starts with "bearer" in any case but is not {@code Bearer <b64token>} is a malformed token
 * ({@code invalid_token}). Checked by one pass over the characters instead of a regular
 * expression: the token is some 800 characters, read on every request with one (about 3 % of the
 * gateway's CPU per such request, JFR 2026-12-05). {@code BearerTokensTest} compares the two for
 * every character in every position that matters.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return Mono.fromCallable(() -> token(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                .map(BearerTokenAuthenticationToken::new);
    }

    /** The token, or null when the header does not claim to carry one; a malformed one is refused. */
    static @Nullable String token(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return null;
        }
        int length = authorization.length();
        int i = SCHEME.length();
        if (length <= i || authorization.charAt(i - 1) != ' ') {
            throw malformed();
        }
        while (i < length && isTokenCharacter(authorization.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            throw malformed();
        }
        while (i < length && authorization.charAt(i) == '=') {
            i++;
        }
        if (i != length) {
            throw malformed();
        }
        return authorization.substring(SCHEME.length());
    }

    /** b64token's characters but its trailing '=': ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/", by ASCII code. */
    private static final boolean[] TOKEN_CHARACTERS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN_CHARACTERS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }

    /** One look-up per character: the token's 800 or so are read on every request with one. */
    private static boolean isTokenCharacter(char c) {
        return c < 128 && TOKEN_CHARACTERS[c];
    }

    private static OAuth2AuthenticationException malformed() {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
    }
}

package cn.hongqiao.samecity.defaults.audit;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;
import cn.hongqiao.samecity.defaults.security.Roles;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every request to the API that changes something, whatever its outcome (refused ones
 * included: it runs outside the security filters, so a 401 or 403 is seen as answered), and every
 * read of personal data ({@code platform.audit.personal-reads}). Who: the token's subject, roles,
 * department, enterprise and client ({@code azp}), read after the request was answered from the
 * token the security filters verified (for a refused token: what it claims, unverified, marked by
 * the outcome); from where: the client address
 * as the gateway saw it ({@code X-Forwarded-For}); what: method, path (ids, never values: no query
 * string, no body), the resource type and id, the route, the status; the trace id.
 */
public final class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final AuditTrail trail;
    private final AuditProperties properties;
    private final String service;
    private final Clock clock;
    /** Looked up once: asking the provider on every request resolved the bean again each time (1.5 % of a service's CPU). */
    private final SingletonSupplier<Tracer> tracer;

    public AuditFilter(AuditTrail trail, AuditProperties properties, String service, Clock clock, ObjectProvider<Tracer> tracer) {
        this.trail = trail;
        this.properties = properties;
        this.service = service;
        this.clock = clock;
        this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!path.startsWith("/api/")) {
            return true;
        }
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD") || request.getMethod().equals("OPTIONS");
        // reading the trail is recorded too: who looked at whom is itself personal
        return read && !PATHS.match(Roles.AUDIT_API, path) && properties.personalReads().stream().noneMatch(pattern -> PATHS.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceId = currentTraceId();
        try {
            chain.doFilter(request, response);
        } finally {
            try {
                trail.record(recordOf(request, response.getStatus(), traceId));
            } catch (RuntimeException e) {
                log.atError().addKeyValue("event.category", "audit").addKeyValue("event.outcome", "failure")
                        .log("Audit record not written for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            }
        }
    }

    private AuditRecord recordOf(HttpServletRequest request, int status, @Nullable String traceId) {
        Map<String, Object> claims = claims(request);
        String path = request.getRequestURI();
        String[] segments = path.split("/");
        // /api/v1/<resource type>/<id>/...
        String type = segments.length > 3 ? segments[3] : null;
        String id = segments.length > 4 ? segments[4] : null;
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return AuditRecord.of(clock.instant().truncatedTo(ChronoUnit.MILLIS), claim(claims, "sub"), roles(claims),
                claim(claims, "department"), claim(claims, "enterpriseId"), claim(claims, "azp"), clientAddress(request), service,
                request.getMethod(), path, type, id, request.getMethod() + " " + (route == null ? path : route), status, traceId);
    }

    private static @Nullable Map<String, Object> claims(HttpServletRequest request) {
        // verified by the bearer token filter, which leaves the security context in the request
        if (request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME) instanceof SecurityContext context
                && context.getAuthentication() instanceof JwtAuthenticationToken verified) {
            return verified.getTokenAttributes();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return JWTParser.parse(authorization.substring(7).trim()).getJWTClaimsSet().getClaims();
        } catch (ParseException | RuntimeException unreadable) {
            return null;
        }
    }

    private static @Nullable String claim(@Nullable Map<String, Object> claims, String name) {
        Object value = claims == null ? null : claims.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> roles(@Nullable Map<String, Object> claims) {
        if (claims == null) {
            return List.of();
        }
        Object roles = claims.get("roles");
        if (roles == null && claims.get("realm_access") instanceof java.util.Map<?, ?> realm) {
            roles = realm.get("roles");
        }
        return roles instanceof Collection<?> values ? values.stream().map(String::valueOf).sorted().toList() : List.of();
    }

    private static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        return forwarded == null || forwarded.isBlank() ? request.getRemoteAddr() : forwarded.split(",")[0].trim();
    }

    private @Nullable String currentTraceId() {
        Tracer t = tracer.get();
        Span span = t == null ? null : t.currentSpan();
        return span == null ? null : span.context().traceId();
    }
}

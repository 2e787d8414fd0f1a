package cn.hongqiao.samecity.defaults.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The response headers Spring Security's {@code headers()} writes by default on a reactive chain, with
 * its rules, written by one writer: no caching (Cache-Control, Pragma, Expires, unless the answer is a
 * 304 or names one of them already), {@code X-Content-Type-Options: nosniff}, on HTTPS
 * {@code Strict-Transport-Security} for a year with subdomains, {@code X-Frame-Options: DENY},
 * {@code X-XSS-Protection: 0} and {@code Referrer-Policy: no-referrer}; each group only when the
 * answer names none of its headers, as a service's answer through the gateway often does.
 *
 * <p>Spring Security's default is a composite of twelve writers (six with nothing configured), run as
 * a {@code concatMap} over them, and each static one lists its own headers' names into a new set and
 * copies them through a new entry set: about 3 % of the gateway's CPU per request (JFR, 2026-12-05).
 * {@code SecurityHeadersTest} checks this writer against Spring Security's default writers.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

    /** Headers written together, and only when the answer names none of them (Spring's static writer's rule). */
    private record Group(List<String> names, List<String> values) {

        static Group of(String name, String value) {
            return new Group(List.of(name), List.of(value));
        }

        void writeUnlessNamed(HttpHeaders headers) {
            for (String name : names) {
                if (headers.containsHeader(name)) {
                    return;
                }
            }
            for (int i = 0; i < names.size(); i++) {
                headers.set(names.get(i), values.get(i));
            }
        }
    }

    private static final Group NO_CACHE = new Group(List.of(HttpHeaders.CACHE_CONTROL, HttpHeaders.PRAGMA, HttpHeaders.EXPIRES),
            List.of("no-cache, no-store, max-age=0, must-revalidate", "no-cache", "0"));
    private static final Group NO_SNIFFING = Group.of("X-Content-Type-Options", "nosniff");
    private static final Group HTTPS_ONLY = Group.of("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
    private static final Group NO_FRAMES = Group.of("X-Frame-Options", "DENY");
    private static final Group NO_XSS_AUDITOR = Group.of("X-XSS-Protection", "0");
    private static final Group NO_REFERRER = Group.of("Referrer-Policy", "no-referrer");

    @Override
    public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        if (response.getStatusCode() != HttpStatus.NOT_MODIFIED) {
            NO_CACHE.writeUnlessNamed(headers);
        }
        NO_SNIFFING.writeUnlessNamed(headers);
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            HTTPS_ONLY.writeUnlessNamed(headers);
        }
        NO_FRAMES.writeUnlessNamed(headers);
        NO_XSS_AUDITOR.writeUnlessNamed(headers);
        NO_REFERRER.writeUnlessNamed(headers);
        return Mono.empty();
    }
}

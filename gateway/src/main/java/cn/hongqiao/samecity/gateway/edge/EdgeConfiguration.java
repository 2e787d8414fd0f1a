package cn.hongqiao.samecity.gateway.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

/**
 * The edge: CORS for the configured portal origins (the security chain applies it, so preflight
 * requests answer before authentication), and identity headers a client sent are dropped.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    CorsConfigurationSource corsConfigurationSource(EdgeProperties edge) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(edge.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH, "Idempotency-Key",
                "traceparent"));
        cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER, "traceparent"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    GlobalFilter dropIdentityHeaders(EdgeProperties edge) {
        List<String> prefixes = edge.identityHeaderPrefixes().stream().map(prefix -> prefix.toLowerCase(Locale.ROOT)).toList();
        return (ServerWebExchange exchange, GatewayFilterChain chain) -> {
            List<String> dropped = null;
            for (String name : exchange.getRequest().getHeaders().headerNames()) {
                if (startsWithAny(name, prefixes)) {
                    (dropped == null ? dropped = new ArrayList<>() : dropped).add(name);
                }
            }
            if (dropped == null) {
                return chain.filter(exchange);
            }
            List<String> names = dropped;
            return chain.filter(exchange.mutate().request(r -> r.headers(h -> names.forEach(h::remove))).build());
        };
    }

    /** Case-insensitive, without a lower-cased copy of every header name of every request. */
    private static boolean startsWithAny(String name, List<String> lowerCasePrefixes) {
        for (String prefix : lowerCasePrefixes) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }
}

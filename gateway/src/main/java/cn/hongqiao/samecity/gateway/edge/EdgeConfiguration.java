package cn.hongqiao.samecity.gateway.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.util.AsciiString;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The edge: CORS for the configured portal origins (the security chain applies it, so preflight
 * requests answer before authentication), forwarded headers believed from trusted proxies only, and
 * identity headers a client sent are dropped.
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

    /**
     * Forwarded headers believed from trusted proxies only ({@link TrustedForwardedHeaders}); the name
     * is the one Spring's web handler looks the transformer up by.
     */
    @Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
    ForwardedHeaderTransformer forwardedHeaderTransformer(Environment environment) {
        return new TrustedForwardedHeaders(environment.getRequiredProperty(TrustedProxies.PROPERTY));
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    GlobalFilter dropIdentityHeaders(EdgeProperties edge) {
        List<String> prefixes = edge.identityHeaderPrefixes().stream().map(prefix -> prefix.toLowerCase(Locale.ROOT)).toList();
        return (ServerWebExchange exchange, GatewayFilterChain chain) -> {
            if (!mayCarryOne(exchange.getRequest(), prefixes)) {
                return chain.filter(exchange);
            }
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

    /**
     * False when the headers as Reactor Netty received them hold no identity header, read where Netty
     * keeps them: listing the request's names through Spring's headers (behind the firewall's check of
     * each) copied them into three sets on every request, about 1 % of the gateway's CPU (JFR,
     * 2026-12-05). Nothing before this filter adds an identity header, so none there means none to
     * drop; with one there, or a request not from Reactor Netty, the request's own headers decide.
     */
    private static boolean mayCarryOne(ServerHttpRequest request, List<String> lowerCasePrefixes) {
        Object received;
        try {
            received = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException notAdapted) {
            return true;
        }
        if (!(received instanceof HttpServerRequest nettyRequest)) {
            return true;
        }
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = nettyRequest.requestHeaders().iteratorCharSequence();
        while (headers.hasNext()) {
            if (startsWithAny(headers.next().getKey(), lowerCasePrefixes)) {
                return true;
            }
        }
        return false;
    }

    /** Case-insensitive, without a lower-cased copy of every header name of every request. */
    private static boolean startsWithAny(CharSequence name, List<String> lowerCasePrefixes) {
        for (String prefix : lowerCasePrefixes) {
            if (AsciiString.regionMatches(name, true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }
}

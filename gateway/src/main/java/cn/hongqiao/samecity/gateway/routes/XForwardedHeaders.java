package cn.hongqiao.samecity.gateway.routes;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

/**
 * Spring Cloud Gateway's {@code X-Forwarded-*} headers ({@code For}, {@code Proto}, {@code Prefix},
 * {@code Port}, {@code Host}), with the same values, the same trust in the proxies that
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies} names and the same switches
 * ({@code spring.cloud.gateway.server.webflux.x-forwarded.*}), written into the one copy of the
 * request's headers the gateway has to make: Spring Cloud Gateway's filter wrote each header by
 * adding it, reading it back, streaming its values through a filter into a new list and setting the
 * joined text, and asked the trusted-proxies pattern about the caller's address twice (together
 * 3 % of the gateway's CPU per request, JFR 2026-12-06). As there: from a caller the gateway does not
 * trust, any {@code X-Forwarded-*} it sent is dropped and the gateway's own are written; from a
 * trusted one they are kept and the caller is appended to {@code X-Forwarded-For}, which keeps only
 * trusted addresses. The copy is in Netty's form ({@link NettyHeaders}). One difference: a caller's
 * address the gateway took from a trusted proxy's {@code X-Forwarded-For} (an unresolved address) is
 * passed on, where Spring Cloud Gateway's filter passed on no {@code X-Forwarded-For} at all. {@code XForwardedHeadersTest} compares it with Spring
 * Cloud Gateway's filter.
 * Installed in place of Spring Cloud Gateway's bean by {@link #replacingSpringCloudGateways}.
 */
final class XForwardedHeaders extends XForwardedHeadersFilter {

    private static final String PREFIX = "x-forwarded-";

    private final TrustedProxies trustedProxies;

    XForwardedHeaders(XForwardedHeadersFilter configured, String trustedProxies) {
        super(trustedProxies);
        this.trustedProxies = TrustedProxies.from(trustedProxies);
        setOrder(configured.getOrder());
        setEnabled(configured.isEnabled());
        setForEnabled(configured.isForEnabled());
        setForAppend(configured.isForAppend());
        setProtoEnabled(configured.isProtoEnabled());
        setProtoAppend(configured.isProtoAppend());
        setPrefixEnabled(configured.isPrefixEnabled());
        setPrefixAppend(configured.isPrefixAppend());
        setPortEnabled(configured.isPortEnabled());
        setPortAppend(configured.isPortAppend());
        setHostEnabled(configured.isHostEnabled());
        setHostAppend(configured.isHostAppend());
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress remote = request.getRemoteAddress();
        boolean trusted = remote == null || trustedProxies.isTrusted(remote.getHostString());
        // in Netty's form, which the routing filter copies into the request it sends entry by entry
        HttpHeaders updated = NettyHeaders.empty();
        for (Map.Entry<String, List<String>> header : input.headerSet()) {
            if (trusted || !header.getKey().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                updated.addAll(header.getKey(), header.getValue());
            }
        }
        URI uri = request.getURI();
        if (isForEnabled()) {
            // the caller's address also when it is unresolved, which it is when a trusted proxy named it
            // (edge.TrustedForwardedHeaders): Spring Cloud Gateway wrote none then, so behind an ingress
            // the services never learnt the client's address
            String caller = remote != null ? remote.getHostString() : null;
            // a trusted caller's address is kept without asking the pattern again
            Predicate<String> kept = trusted ? value -> value.equals(caller) || trustedProxies.isTrusted(value) : value -> true;
            write(updated, X_FORWARDED_FOR_HEADER, caller, isForAppend(), kept);
        }
        String scheme = uri.getScheme();
        if (isProtoEnabled()) {
            write(updated, X_FORWARDED_PROTO_HEADER, scheme, isProtoAppend(), value -> true);
        }
        if (isPrefixEnabled()) {
            writePrefix(updated, exchange);
        }
        if (isPortEnabled()) {
            int port = uri.getPort() >= 0 ? uri.getPort() : HTTPS_SCHEME.equals(scheme) ? HTTPS_PORT : HTTP_PORT;
            write(updated, X_FORWARDED_PORT_HEADER, String.valueOf(port), isPortAppend(), value -> true);
        }
        if (isHostEnabled()) {
            write(updated, X_FORWARDED_HOST_HEADER, host(uri), isHostAppend(), value -> true);
        }
        return updated;
    }

    /**
     * Appending: the values the request had that are {@code kept}, then this one if it is, joined by
     * commas into one value (empty if none is kept). Otherwise this value, if there is one and it is kept.
     */
    private static void write(HttpHeaders headers, String name, @Nullable String value, boolean append, Predicate<String> kept) {
        if (!append) {
            if (value != null && kept.test(value)) {
                headers.set(name, value);
            }
            return;
        }
        List<String> had = headers.get(name);
        if (had == null) {
            if (value != null) {
                headers.set(name, kept.test(value) ? value : "");
            }
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (String each : had) {
            join(joined, each, kept);
        }
        if (value != null) {
            join(joined, value, kept);
        }
        headers.set(name, joined.toString());
    }

    private static void join(StringBuilder joined, String value, Predicate<String> kept) {
        if (kept.test(value)) {
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(value);
        }
    }

    /** The part of the path the gateway's route took off ({@code /prefix/get} routed to {@code /get}), as Spring Cloud Gateway works it out. */
    private void writePrefix(HttpHeaders headers, ServerWebExchange exchange) {
        LinkedHashSet<URI> originals = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        URI routed = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (originals == null || routed == null) {
            return;
        }
        String routedPath = withoutTrailingSlash(routed.getPath());
        for (URI original : originals) {
            if (original == null || original.getPath() == null) {
                continue;
            }
            String originalPath = withoutTrailingSlash(original.getPath());
            if (routedPath != null && originalPath.endsWith(routedPath)) {
                String prefix = routedPath.isEmpty() ? originalPath : originalPath.substring(0, originalPath.lastIndexOf(routedPath));
                if (!prefix.isEmpty() && prefix.length() <= original.getPath().length()) {
                    write(headers, X_FORWARDED_PREFIX_HEADER, prefix, isPrefixAppend(), value -> true);
                }
            }
        }
    }

    private static @Nullable String withoutTrailingSlash(@Nullable String path) {
        return path != null && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String host(URI uri) {
        int port = uri.getPort();
        String scheme = uri.getScheme();
        boolean defaultPort = port < 0 || (port == HTTP_PORT && HTTP_SCHEME.equals(scheme)) || (port == HTTPS_PORT && HTTPS_SCHEME.equals(scheme));
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /**
     * Spring Cloud Gateway defines its filter (when trusted proxies are configured) without a condition to back
     * off: its bean, once configured, is swapped for this.
     */
    static BeanPostProcessor replacingSpringCloudGateways(Environment environment) {
        return SpringCloudGatewayBeans.replacing(XForwardedHeadersFilter.class, XForwardedHeaders.class,
                configured -> new XForwardedHeaders(configured, environment.getRequiredProperty(TrustedProxies.PROPERTY)));
    }
}

package cn.hongqiao.samecity.gateway.edge;

import java.net.InetSocketAddress;

import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * The {@code Forwarded} and {@code X-Forwarded-*} headers believed from the proxies the gateway trusts
 * ({@code spring.cloud.gateway.server.webflux.trusted-proxies}: loopback and the private ranges an
 * ingress controller uses) and only from them. Spring's transformer, which every platform process
 * applies ({@code server.forward-headers-strategy: framework}), believes them from any caller: at the
 * gateway, the platform's edge, a caller could name any address (its rate limit's key, the address its
 * audit records keep), host or scheme. From a caller it does not trust, the gateway drops them and
 * the request is what the connection says. The services behind the gateway believe the gateway (only
 * it can reach them: NetworkPolicy in k8s/).
 */
final class TrustedForwardedHeaders extends ForwardedHeaderTransformer {

    private final TrustedProxies trustedProxies;
    private final ForwardedHeaderTransformer dropped = new ForwardedHeaderTransformer();

    TrustedForwardedHeaders(String trustedProxies) {
        this.trustedProxies = TrustedProxies.from(trustedProxies);
        dropped.setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
        if (!hasForwardedHeaders(request)) {
            return request; // as Spring's transformer leaves it, without asking the pattern about the caller
        }
        InetSocketAddress caller = request.getRemoteAddress();
        return caller == null || trustedProxies.isTrusted(caller.getHostString()) ? super.apply(request) : dropped.apply(request);
    }
}

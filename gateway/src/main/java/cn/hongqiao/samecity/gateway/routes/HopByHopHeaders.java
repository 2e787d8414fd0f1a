package cn.hongqiao.samecity.gateway.routes;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's hop-by-hop header filter ({@code Connection}, {@code Keep-Alive},
 * {@code Transfer-Encoding}, {@code TE}, {@code Trailer}, {@code Upgrade}, {@code Proxy-*} and what
 * {@code Connection} names), removing the same headers, configured the same way
 * ({@code spring.cloud.gateway.server.webflux.filter.remove-hop-by-hop.*}), without copying every
 * other header of every request and answer into a new map: a request that has none of them passes
 * as it is, and one that has some loses them in place. Headers it may not change (a read-only view,
 * which the gateway's earlier header filters do not hand it) are copied as Spring Cloud Gateway
 * does. Installed in place of Spring Cloud Gateway's bean by {@link #replacingSpringCloudGateways()}.
 */
final class HopByHopHeaders extends RemoveHopByHopHeadersFilter {

    HopByHopHeaders(RemoveHopByHopHeadersFilter configured) {
        setHeaders(configured.getHeaders());
        setOrder(configured.getOrder());
    }

    @Override
    public HttpHeaders filter(HttpHeaders headers, ServerWebExchange exchange) {
        List<String> namedByConnection = headers.getConnection();
        if (namedByConnection.isEmpty() && noneOf(headers)) {
            return headers;
        }
        try {
            getHeaders().forEach(headers::remove);
            namedByConnection.forEach(headers::remove);
            return headers;
        } catch (UnsupportedOperationException readOnly) {
            return super.filter(headers, exchange);
        }
    }

    private boolean noneOf(HttpHeaders headers) {
        for (String name : getHeaders()) {
            if (headers.containsHeader(name)) {
                return false;
            }
        }
        return true;
    }

    /** Spring Cloud Gateway defines its filter without a condition to back off: its bean, once configured, is swapped for this. */
    static BeanPostProcessor replacingSpringCloudGateways() {
        return SpringCloudGatewayBeans.replacing(RemoveHopByHopHeadersFilter.class, HopByHopHeaders.class, HopByHopHeaders::new);
    }
}

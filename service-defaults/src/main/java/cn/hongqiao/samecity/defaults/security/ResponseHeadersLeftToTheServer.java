package cn.hongqiao.samecity.defaults.security;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

/**
 * Spring Security's strict firewall on a server that refuses CR/LF in response headers itself: every
 * check of the request as the firewall makes it, without its check of the response headers.
 *
 * <p>Just before a response is committed, the strict firewall looks through every response header's
 * name and value for CR and LF (response splitting). Reactor Netty with header validation on
 * ({@code server.netty.validate-headers}, Spring Boot's default) refuses such a header already when it
 * is set: a name must be an HTTP token, a value may hold no control character but a tab (Netty's
 * {@code DefaultHttpHeadersFactory}). The firewall's check then finds nothing the server let through,
 * and cost about 4 % of the gateway's CPU per request (JFR, 2026-12-06: Spring's headers iterated as a
 * case-insensitive entry set with a list per name). So the firewall is handed a view of the exchange
 * whose response takes no commit action while the firewall looks at the request (its one action is
 * that check); once it has passed the request, the exchange's own response is what everyone after it
 * gets. {@code OneChainProxyTest} pins that this action is the firewall's only one and
 * is the CR/LF check; {@code RefusedRequestsTest} that the gateway's server refuses CR/LF in a
 * response header. Used by {@link ReactiveSecurityAutoConfiguration} when {@link #nettyValidatingHeaders}.
 */
final class ResponseHeadersLeftToTheServer implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict;

    ResponseHeadersLeftToTheServer(StrictServerWebExchangeFirewall strict) {
        this.strict = strict;
    }

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        WithoutCommitActions view = new WithoutCommitActions(exchange);
        return strict.getFirewalledExchange(view).map(firewalled -> {
            view.passed();
            return firewalled;
        });
    }

    /**
     * Whether the application's server refuses CR/LF in response headers when they are set: it is
     * Reactor Netty, made by Spring Boot's factory, and {@code server.netty.validate-headers} is not
     * turned off. A test without a server (a mock exchange) keeps the firewall's own check.
     */
    static boolean nettyValidatingHeaders(ListableBeanFactory beans, Environment environment) {
        return ClassUtils.isPresent("org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
                ResponseHeadersLeftToTheServer.class.getClassLoader())
                && NettyServer.present(beans)
                && environment.getProperty("server.netty.validate-headers", Boolean.class, true);
    }

    /** Kept apart so that the Netty factory's class is only loaded where it is present. */
    private static final class NettyServer {

        static boolean present(ListableBeanFactory beans) {
            return beans.getBeanNamesForType(NettyReactiveWebServerFactory.class, true, false).length > 0;
        }
    }

    /** The exchange whose response takes no commit action until the firewall has passed the request. */
    private static final class WithoutCommitActions extends ServerWebExchangeDecorator {

        private @Nullable ServerHttpResponse whileFirewalled;

        WithoutCommitActions(ServerWebExchange exchange) {
            super(exchange);
            this.whileFirewalled = new ServerHttpResponseDecorator(exchange.getResponse()) {
                @Override
                public void beforeCommit(Supplier<? extends Mono<Void>> action) {
                    // the firewall's check of the response headers for CR/LF: the server refuses them when they are set
                }
            };
        }

        @Override
        public ServerHttpResponse getResponse() {
            ServerHttpResponse response = whileFirewalled;
            return response != null ? response : getDelegate().getResponse();
        }

        void passed() {
            whileFirewalled = null;
        }
    }
}

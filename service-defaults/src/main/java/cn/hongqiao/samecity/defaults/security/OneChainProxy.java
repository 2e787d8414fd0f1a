package cn.hongqiao.samecity.defaults.security;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.HttpStatusExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Spring Security's {@link WebFilterChainProxy} for a process with one security chain, which every
 * reactive platform process has ({@link ReactiveSecurityAutoConfiguration}'s): the same firewall, the
 * same handler for what it rejects, the same filters in the same order, run when the chain matches.
 *
 * <p>What it does not do is the general case's work on every request: Spring's proxy looks for the
 * matching chain among a list ({@code fromIterable}, {@code filterWhen}, {@code next},
 * {@code switchIfEmpty}), collects that chain's filters into a new list, and builds a new
 * {@code DefaultWebFilterChain} over them, which links every filter up front and puts a checkpoint
 * operator around each (about twenty operators and a dozen objects per request, before the first
 * filter runs). Here the filters are read once, and each link of the chain is made when the filter
 * before it passes the request on. Installed in place of Spring Security's proxy by
 * {@link #replacingSpringSecuritys}, only when there is exactly one chain and it is the kind
 * {@code ServerHttpSecurity} builds (a fixed list of filters); otherwise Spring's proxy stays. No chain
 * decorator applies: the platform makes no security observations ({@code ObservationAutoConfiguration}).
 *
 * <p>One of the strict firewall's checks is left to the server when the server makes it itself: just
 * before a response is committed, Spring Security's strict firewall looks through every response
 * header's name and value for CR and LF (response splitting). Reactor Netty with header validation on
 * ({@code server.netty.validate-headers}, Spring Boot's default) refuses such a header already when it
 * is set: a name must be an HTTP token, a value may hold no control character but a tab (Netty's
 * {@code DefaultHttpHeadersFactory}). The firewall's check then finds nothing the server let through,
 * and cost about 4 % of the gateway's CPU per request (JFR, 2026-12-06: Spring's headers iterated as a
 * case-insensitive entry set with a list per name). So on such a server the firewall is handed a view
 * of the exchange whose response does not take the firewall's commit action; every other check of the
 * firewall runs as before, and after the firewall the request sees the exchange's own response.
 * {@code OneChainProxyTest} pins that this action is the firewall's only one and is the CR/LF check;
 * {@code RefusedRequestsTest} that the gateway's server refuses CR/LF in a response header.
 */
final class OneChainProxy extends WebFilterChainProxy {

    private final SecurityWebFilterChain chain;
    private final List<WebFilter> filters;
    private final ServerWebExchangeFirewall firewall;
    private final ServerExchangeRejectedHandler rejected;
    private final boolean responseHeadersLeftToTheServer;

    OneChainProxy(MatcherSecurityWebFilterChain chain, ServerWebExchangeFirewall firewall, ServerExchangeRejectedHandler rejected,
            boolean serverRefusesUnsafeResponseHeaders) {
        super(chain); // the superclass's own firewall, handler and decorator are never used: filter() is all this proxy does
        this.chain = chain;
        // a MatcherSecurityWebFilterChain's filters are a fixed list, handed out as Flux.fromIterable
        this.filters = List.copyOf(chain.getWebFilters().collectList().block());
        this.firewall = firewall;
        this.rejected = rejected;
        this.responseHeadersLeftToTheServer = serverRefusesUnsafeResponseHeaders && firewall instanceof StrictServerWebExchangeFirewall;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain application) {
        ServerWebExchange atTheDoor = responseHeadersLeftToTheServer ? new ResponseHeadersLeftToTheServer(exchange) : exchange;
        return firewall.getFirewalledExchange(atTheDoor)
                .flatMap(firewalled -> {
                    if (atTheDoor instanceof ResponseHeadersLeftToTheServer view) {
                        view.passed();
                    }
                    return chain.matches(firewalled)
                            .flatMap(matches -> matches ? new Link(filters, 0, application).filter(firewalled) : application.filter(firewalled));
                })
                .onErrorResume(ServerExchangeRejectedException.class, rejection -> rejected.handle(exchange, rejection).then(Mono.empty()));
    }

    /**
     * The exchange as the strict firewall sees it when the server refuses CR/LF in response headers
     * itself: its response takes no commit action while the firewall looks at the request (the
     * firewall's one action is that check), and once the firewall has passed the request, the
     * exchange's own response is what everyone after it gets.
     */
    private static final class ResponseHeadersLeftToTheServer extends ServerWebExchangeDecorator {

        private @Nullable ServerHttpResponse whileFirewalled;

        ResponseHeadersLeftToTheServer(ServerWebExchange exchange) {
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

    /** The chain from filter {@code next} on, then the application; each filter runs when it is subscribed to, as in Spring's chain. */
    private record Link(List<WebFilter> filters, int next, WebFilterChain application) implements WebFilterChain {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            if (next == filters.size()) {
                return application.filter(exchange);
            }
            return Mono.defer(() -> filters.get(next).filter(exchange, new Link(filters, next + 1, application)));
        }
    }

    /**
     * Swaps Spring Security's proxy for this one when the application has one chain built by
     * {@code ServerHttpSecurity}, with the firewall and rejected-exchange handler Spring Security
     * would give it (the unique bean of each, else its defaults). {@code serverRefusesUnsafeResponseHeaders}
     * is asked when the proxy is made ({@link #nettyValidatingHeaders}).
     */
    static BeanPostProcessor replacingSpringSecuritys(ObjectProvider<SecurityWebFilterChain> chains,
            ObjectProvider<ServerWebExchangeFirewall> firewalls, ObjectProvider<ServerExchangeRejectedHandler> rejectedHandlers,
            BooleanSupplier serverRefusesUnsafeResponseHeaders) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean.getClass() != WebFilterChainProxy.class) {
                    return bean;
                }
                List<SecurityWebFilterChain> all = chains.orderedStream().toList();
                if (all.size() != 1 || !(all.get(0) instanceof MatcherSecurityWebFilterChain one)) {
                    return bean;
                }
                ServerWebExchangeFirewall firewall = firewalls.getIfUnique(StrictFirewall::create);
                ServerExchangeRejectedHandler rejected = rejectedHandlers.getIfUnique(HttpStatusExchangeRejectedHandler::new);
                return new OneChainProxy(one, firewall, rejected, serverRefusesUnsafeResponseHeaders.getAsBoolean());
            }
        };
    }

    /**
     * Whether the application's server refuses CR/LF in response headers when they are set: it is
     * Reactor Netty, made by Spring Boot's factory, and {@code server.netty.validate-headers} is not
     * turned off. A test without a server (a mock exchange) keeps the firewall's own check.
     */
    static BooleanSupplier nettyValidatingHeaders(ListableBeanFactory beans, Environment environment) {
        return () -> ClassUtils.isPresent("org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory", OneChainProxy.class.getClassLoader())
                && NettyServer.present(beans)
                && environment.getProperty("server.netty.validate-headers", Boolean.class, true);
    }

    /** Kept apart so that the Netty factory's class is only loaded where it is present. */
    private static final class NettyServer {

        static boolean present(ListableBeanFactory beans) {
            return beans.getBeanNamesForType(NettyReactiveWebServerFactory.class, true, false).length > 0;
        }
    }
}

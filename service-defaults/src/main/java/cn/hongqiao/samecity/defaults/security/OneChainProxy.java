package cn.hongqiao.samecity.defaults.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.HttpStatusExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
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
 */
final class OneChainProxy extends WebFilterChainProxy {

    private final SecurityWebFilterChain chain;
    private final List<WebFilter> filters;
    private final ServerWebExchangeFirewall firewall;
    private final ServerExchangeRejectedHandler rejected;

    OneChainProxy(MatcherSecurityWebFilterChain chain, ServerWebExchangeFirewall firewall, ServerExchangeRejectedHandler rejected) {
        super(chain); // the superclass's own firewall, handler and decorator are never used: filter() is all this proxy does
        this.chain = chain;
        // a MatcherSecurityWebFilterChain's filters are a fixed list, handed out as Flux.fromIterable
        this.filters = List.copyOf(chain.getWebFilters().collectList().block());
        this.firewall = firewall;
        this.rejected = rejected;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain application) {
        return firewall.getFirewalledExchange(exchange)
                .flatMap(firewalled -> chain.matches(firewalled)
                        .flatMap(matches -> matches ? new Link(filters, 0, application).filter(firewalled) : application.filter(firewalled)))
                .onErrorResume(ServerExchangeRejectedException.class, rejection -> rejected.handle(exchange, rejection).then(Mono.empty()));
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
     * would give it (the unique bean of each, else its defaults).
     */
    static BeanPostProcessor replacingSpringSecuritys(ObjectProvider<SecurityWebFilterChain> chains,
            ObjectProvider<ServerWebExchangeFirewall> firewalls, ObjectProvider<ServerExchangeRejectedHandler> rejectedHandlers) {
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
                return new OneChainProxy(one, firewall, rejected);
            }
        };
    }
}

package cn.hongqiao.samecity.defaults.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class OneChainProxyTest {

    final List<String> ran = new ArrayList<>();

    @Test
    void runsTheChainsFiltersInOrderThenTheApplicationOnTheFirewalledExchange() {
        WebFilterChainProxy proxy = installedFor(chain("/api/**", "first", "second"));
        assertThat(proxy).isInstanceOf(OneChainProxy.class);

        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects"));
        proxy.filter(exchange, application()).block();

        assertThat(ran).containsExactly("first", "second", "application");
        assertThat(seenByApplication).isNotSameAs(exchange).as("the firewall's view of the exchange").isNotNull();
    }

    @Test
    void aRequestTheChainDoesNotMatchGoesStraightToTheApplication() {
        WebFilterChainProxy proxy = installedFor(chain("/api/**", "first"));

        proxy.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/elsewhere")), application()).block();

        assertThat(ran).containsExactly("application");
    }

    @Test
    void aFilterThatAnswersItselfEndsTheChain() {
        WebFilter refusing = (exchange, next) -> {
            ran.add("refusing");
            exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
            return exchange.getResponse().setComplete();
        };
        WebFilterChainProxy proxy = installedFor(new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(),
                List.of(named("first"), refusing, named("never"))));

        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects"));
        proxy.filter(exchange, application()).block();

        assertThat(ran).containsExactly("first", "refusing");
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void whatTheFirewallRejectsGoesToTheRejectedHandlerWhetherAtTheDoorOrWhileAFilterReadsTheRequest() {
        ServerExchangeRejectedHandler handler = (exchange, rejection) -> {
            ran.add("rejected: " + rejection.getMessage());
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return Mono.empty();
        };
        ServerWebExchangeFirewall firewall = exchange -> exchange.getRequest().getPath().value().contains(";")
                ? Mono.error(new ServerExchangeRejectedException("semicolon")) : Mono.just(exchange);
        WebFilter readingAHeader = (exchange, next) -> {
            ran.add("reading");
            return exchange.getRequest().getHeaders().containsHeader("X-Bad")
                    ? Mono.error(new ServerExchangeRejectedException("header")) : next.filter(exchange);
        };
        BeanPostProcessor swap = OneChainProxy.replacingSpringSecuritys(provider(
                new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), List.of(readingAHeader))),
                provider(firewall), provider(handler));
        WebFilterChainProxy proxy = (WebFilterChainProxy) swap.postProcessAfterInitialization(new WebFilterChainProxy(List.of()), "proxy");

        MockServerWebExchange atTheDoor = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects;x=1"));
        proxy.filter(atTheDoor, application()).block();
        MockServerWebExchange later = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects").header("X-Bad", "1"));
        proxy.filter(later, application()).block();

        assertThat(ran).containsExactly("rejected: semicolon", "reading", "rejected: header");
        assertThat(atTheDoor.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(later.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void springSecuritysProxyStaysWhenThereIsMoreThanOneChainOrAChainOfAnotherKind() {
        WebFilterChainProxy spring = new WebFilterChainProxy(List.of());
        BeanPostProcessor twoChains = OneChainProxy.replacingSpringSecuritys(provider(chain("/a/**", "a"), chain("/b/**", "b")),
                provider(), provider());
        SecurityWebFilterChain custom = new SecurityWebFilterChain() {
            @Override
            public Mono<Boolean> matches(ServerWebExchange exchange) {
                return Mono.just(true);
            }

            @Override
            public Flux<WebFilter> getWebFilters() {
                return Flux.empty();
            }
        };
        BeanPostProcessor anotherKind = OneChainProxy.replacingSpringSecuritys(provider(custom), provider(), provider());

        assertThat(twoChains.postProcessAfterInitialization(spring, "proxy")).isSameAs(spring);
        assertThat(anotherKind.postProcessAfterInitialization(spring, "proxy")).isSameAs(spring);
        assertThat(twoChains.postProcessAfterInitialization("not a proxy", "other")).isEqualTo("not a proxy");
    }

    ServerWebExchange seenByApplication;

    private WebFilterChain application() {
        return exchange -> {
            ran.add("application");
            seenByApplication = exchange;
            return Mono.empty();
        };
    }

    private WebFilterChainProxy installedFor(SecurityWebFilterChain chain) {
        BeanPostProcessor swap = OneChainProxy.replacingSpringSecuritys(provider(chain), provider(), provider());
        return (WebFilterChainProxy) swap.postProcessAfterInitialization(new WebFilterChainProxy(chain), "proxy");
    }

    private MatcherSecurityWebFilterChain chain(String pattern, String... names) {
        return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.pathMatchers(pattern),
                Arrays.stream(names).map(this::named).toList());
    }

    private WebFilter named(String name) {
        return (exchange, next) -> {
            ran.add(name);
            return next.filter(exchange);
        };
    }

    /** The beans an application context would hand the post-processor. */
    @SafeVarargs
    private static <T> ObjectProvider<T> provider(T... beans) {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        Class<?> type = beans.getClass().getComponentType();
        for (int i = 0; i < beans.length; i++) {
            factory.registerSingleton("bean" + i, beans[i]);
        }
        @SuppressWarnings("unchecked")
        ObjectProvider<T> provider = (ObjectProvider<T>) factory.getBeanProvider(type);
        return provider;
    }
}

package cn.hongqiao.samecity.defaults.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.env.MockEnvironment;
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
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
    void theStrictFirewallsOneCommitActionIsItsCheckOfTheResponseHeadersForCrLf() {
        WebFilterChainProxy proxy = installedFor(chain("/api/**", "first"), provider(StrictFirewall.create()));
        CountedCommitActions exchange = new CountedCommitActions(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects")));

        proxy.filter(exchange, application()).block();
        assertThat(exchange.registered).as("commit actions the firewall and the chain registered").isEqualTo(1);
        seenByApplication.getResponse().getHeaders().set("X-Echo", "a\r\nX-Injected: 1"); // a mock response validates nothing

        assertThatIllegalArgumentException().isThrownBy(() -> exchange.getResponse().setComplete().block())
                .withMessageContaining("CR/LF").withMessageContaining("X-Echo");
    }

    @Test
    void onAServerThatRefusesCrLfInResponseHeadersItselfTheFirewallsCheckOfThemIsLeftToIt() {
        WebFilterChainProxy proxy = installedFor(chain("/api/**", "first"),
                provider(new ResponseHeadersLeftToTheServer(StrictFirewall.create())));
        CountedCommitActions exchange = new CountedCommitActions(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects")));
        List<String> committed = new ArrayList<>();

        proxy.filter(exchange, application()).block();
        assertThat(exchange.registered).as("commit actions registered on the exchange's response").isZero();
        assertThat(seenByApplication.getResponse()).as("after the firewall: the exchange's own response").isSameAs(exchange.getResponse());
        seenByApplication.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> committed.add("the application's action")));
        seenByApplication.getResponse().getHeaders().set("X-Echo", "a\r\nX-Injected: 1"); // a real server refuses this at the set
        exchange.getResponse().setComplete().block();

        assertThat(exchange.registered).isEqualTo(1);
        assertThat(committed).containsExactly("the application's action");
        assertThat(ran).containsExactly("first", "application");
    }

    @Test
    void anotherFirewallKeepsEveryCommitActionItRegisters() {
        ServerWebExchangeFirewall own = exchange -> {
            exchange.getResponse().beforeCommit(Mono::empty);
            return Mono.just(exchange);
        };
        BeanPostProcessor swap = OneChainProxy.replacingSpringSecuritys(provider(chain("/api/**", "first")), provider(own), provider());
        WebFilterChainProxy proxy = (WebFilterChainProxy) swap.postProcessAfterInitialization(new WebFilterChainProxy(List.of()), "proxy");
        CountedCommitActions exchange = new CountedCommitActions(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects")));

        proxy.filter(exchange, application()).block();

        assertThat(exchange.registered).isEqualTo(1);
    }

    @Test
    void theServerRefusesCrLfInResponseHeadersWhenItIsReactorNettyValidatingHeaders() {
        DefaultListableBeanFactory withNetty = new DefaultListableBeanFactory();
        withNetty.registerBeanDefinition("server", new RootBeanDefinition(NettyReactiveWebServerFactory.class));

        assertThat(ResponseHeadersLeftToTheServer.nettyValidatingHeaders(withNetty, new MockEnvironment())).isTrue();
        assertThat(ResponseHeadersLeftToTheServer.nettyValidatingHeaders(withNetty,
                new MockEnvironment().withProperty("server.netty.validate-headers", "false"))).as("validation turned off").isFalse();
        assertThat(ResponseHeadersLeftToTheServer.nettyValidatingHeaders(new DefaultListableBeanFactory(), new MockEnvironment()))
                .as("no server: a mock exchange").isFalse();
        assertThat(withNetty.containsSingleton("server")).as("the factory is not made to be asked about").isFalse();
    }

    /** An exchange whose response counts the commit actions registered on it. */
    static final class CountedCommitActions extends ServerWebExchangeDecorator {

        int registered;
        private final ServerHttpResponse response;

        CountedCommitActions(ServerWebExchange exchange) {
            super(exchange);
            this.response = new ServerHttpResponseDecorator(exchange.getResponse()) {
                @Override
                public void beforeCommit(Supplier<? extends Mono<Void>> action) {
                    registered++;
                    super.beforeCommit(action);
                }
            };
        }

        @Override
        public ServerHttpResponse getResponse() {
            return response;
        }
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
        return installedFor(chain, provider());
    }

    private WebFilterChainProxy installedFor(SecurityWebFilterChain chain, ObjectProvider<ServerWebExchangeFirewall> firewall) {
        BeanPostProcessor swap = OneChainProxy.replacingSpringSecuritys(provider(chain), firewall, provider());
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

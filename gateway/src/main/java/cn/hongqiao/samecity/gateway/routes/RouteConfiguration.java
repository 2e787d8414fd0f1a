package cn.hongqiao.samecity.gateway.routes;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import cn.hongqiao.samecity.defaults.security.DecidedBehind;
import cn.hongqiao.samecity.defaults.problem.ReactiveProblems;
import cn.hongqiao.samecity.gateway.ratelimit.RateLimitConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.tracing.propagation.Propagator;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Routes built from {@link BackendServices}: for each service, its resources under
 * {@code /api/v1/}, a response timeout ({@link RouteClients}), a rate limit, and its calls to the
 * service ({@link ServiceCalls}): a circuit breaker named after the service (counts every 5xx,
 * timeout and connection failure; answers a 503 problem naming the service when it cannot answer)
 * and one retry for idempotent reads that did not reach the service. Each service's OpenAPI document
 * is also reachable at {@code /api-docs/<service>} for the gateway's Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, BackendServices backends,
            RateLimitConfiguration.RateLimitFilters rateLimits, CircuitBreakerRegistry breakers, ReactiveProblems problems) {
        Unavailable unavailable = new Unavailable(problems);
        RouteLocatorBuilder.Builder routes = builder.routes();
        backends.services().forEach((name, backend) -> {
            List<String> paths = paths(backend);
            ServiceCalls calls = new ServiceCalls(name, breakers.circuitBreaker(name, BREAKER), unavailable, RETRY_PAUSE);
            routes.route(name, route -> route.path(paths.toArray(String[]::new))
                    .filters(filters -> filters.filter(rateLimits.forGroup(name)).filter(calls))
                    .metadata(RouteClients.RESPONSE_TIMEOUT_ATTR, backend.timeout().toMillis())
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) backend.connectTimeout().toMillis())
                    .uri(backend.uri()));
            routes.route(name + "-api-docs", route -> route.path("/api-docs/" + name)
                    .filters(filters -> filters.setPath("/v3/api-docs"))
                    .uri(backend.uri()));
        });
        return routes.build();
    }

    /** Each route's HTTP client, with its timeouts, made once ({@link RouteClients}). */
    @Bean
    static BeanPostProcessor routeClients(ObjectProvider<HttpClient> httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            ObjectProvider<HttpClientProperties> properties) {
        return RouteClients.replacingSpringCloudGateways(httpClient, headersFilters, properties);
    }

    /** The routed address built from the caller's path and query as they came ({@link RoutedUrls}). */
    @Bean
    static BeanPostProcessor routedUrls() {
        return RoutedUrls.replacingSpringCloudGateways();
    }

    /** Hop-by-hop headers removed without copying the others ({@link HopByHopHeaders}). */
    @Bean
    static BeanPostProcessor hopByHopHeaders() {
        return HopByHopHeaders.replacingSpringCloudGateways();
    }

    /** {@code X-Forwarded-*} written into the request's one copy of its headers ({@link XForwardedHeaders}). */
    @Bean
    static BeanPostProcessor xForwardedHeaders(Environment environment) {
        return XForwardedHeaders.replacingSpringCloudGateways(environment);
    }

    /** A caller's {@code Forwarded} header removed without copying the others ({@link ForwardedHeaderRemoved}). */
    @Bean
    static BeanPostProcessor forwardedHeaderRemoved() {
        return ForwardedHeaderRemoved.replacingSpringCloudGateways();
    }

    /** The request's trace passed on to its service from the gateway's one span for it ({@link TraceContextPassedOn}). */
    @Bean
    TraceContextPassedOn traceContextPassedOn(ObjectProvider<Propagator> propagator) {
        return new TraceContextPassedOn(propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** The route of every request on its {@code http.server.requests} timer. */
    @Bean
    RouteTaggedRequests routeTaggedRequests() {
        return new RouteTaggedRequests();
    }

    /** Every route's requests are decided (and refusals recorded) by the service behind it. */
    @Bean
    DecidedBehind routedResources(BackendServices backends) {
        List<String> all = backends.services().values().stream().flatMap(backend -> paths(backend).stream()).toList();
        return () -> all;
    }

    private static List<String> paths(BackendServices.Backend backend) {
        return backend.resources().stream().flatMap(resource -> Stream.of("/api/v1/" + resource, "/api/v1/" + resource + "/**")).toList();
    }

    /** How long a read that did not reach its service waits before its one retry. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    /** Half of the last 20 calls failing opens a service's circuit for 10 s; 3 trial calls then. */
    static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10))
            .permittedNumberOfCallsInHalfOpenState(3)
            .build();
}

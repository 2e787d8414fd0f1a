package cn.hongqiao.samecity.gateway.routes;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import cn.hongqiao.samecity.gateway.ratelimit.RateLimitConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Routes built from {@link BackendServices}: for each service, its resources under
 * {@code /api/v1/}, a response timeout, and a circuit breaker named after the service that
 * counts timeouts, connection failures and 502/504 answers and falls back to a 503 problem naming
 * the service. A service's own 500 or 503 passes through untouched: it is a problem the service
 * wrote (with its trace id, naming its own failing dependency), and replacing it would blame the
 * wrong service. Each service's OpenAPI document is also reachable at {@code /api-docs/<service>}
 * for the gateway's Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    static final Set<String> FAILURE_STATUSES = Set.of("502", "504");

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, BackendServices backends,
            RateLimitConfiguration.RateLimitFilters rateLimits) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        backends.services().forEach((name, backend) -> {
            List<String> paths = backend.resources().stream()
                    .flatMap(resource -> java.util.stream.Stream.of("/api/v1/" + resource, "/api/v1/" + resource + "/**"))
                    .toList();
            routes.route(name, route -> route.path(paths.toArray(String[]::new))
                    .filters(filters -> filters.filter(FallbackConfiguration::rememberPath).filter(rateLimits.forGroup(name))
                            .circuitBreaker(breaker -> breaker.setName(name)
                            .setFallbackUri("forward:/fallback/" + name)
                            .setStatusCodes(FAILURE_STATUSES))
                            // idempotent reads only: one more try after a connection failure, 502 or 504
                            .retry(retry -> retry.setRetries(1).setMethods(HttpMethod.GET, HttpMethod.HEAD)
                                    .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.GATEWAY_TIMEOUT)
                                    .setSeries()
                                    .setExceptions(java.io.IOException.class, java.util.concurrent.TimeoutException.class)
                                    .setBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2, false)))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, backend.timeout().toMillis())
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) backend.connectTimeout().toMillis())
                    .uri(backend.uri()));
            routes.route(name + "-api-docs", route -> route.path("/api-docs/" + name)
                    .filters(filters -> filters.setPath("/v3/api-docs"))
                    .uri(backend.uri()));
        });
        return routes.build();
    }

    /**
     * The HTTP client's response timeout is the real limit; the time limiter is only a wider net
     * (a cold JVM's first call can take a second).
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(BackendServices backends) {
        return factory -> backends.services().forEach((name, backend) -> factory.configure(config -> config
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(backend.timeout().plus(Duration.ofSeconds(2))).build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build()), name));
    }
}

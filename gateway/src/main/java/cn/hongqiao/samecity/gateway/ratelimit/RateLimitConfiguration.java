package cn.hongqiao.samecity.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.function.Function;

import cn.hongqiao.samecity.defaults.problem.ReactiveProblems;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;

/**
 * Per-client rate limits on every route: the client is the token's subject when there is a token,
 * else its address (the last hop in X-Forwarded-For, which the trusted ingress sets). Over the
 * limit: 429 problem with Retry-After. Every answer carries X-RateLimit-Remaining.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    /** What RouteConfiguration adds to a route of {@code group}. */
    public interface RateLimitFilters {
        GatewayFilter forGroup(String group);
    }

    @Bean
    RateLimitFilters rateLimitFilters(RateLimitProperties properties, ObjectProvider<RedisRateLimiter> redis, ReactiveProblems problems) {
        Limiter limiter = properties.store() == RateLimitProperties.Store.REDIS
                ? new RedisLimiter(redis.getObject(), properties)
                : new BucketLimiter(properties);
        XForwardedRemoteAddressResolver addresses = XForwardedRemoteAddressResolver.maxTrustedIndex(1);
        return group -> (exchange, chain) -> decision(exchange, addresses, client -> limiter.consume(group, client))
                .flatMap(decision -> {
                    exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", String.valueOf(Math.max(0, decision.remaining())));
                    return decision.allowed() ? chain.filter(exchange) : tooMany(exchange, decision, problems);
                });
    }

    /**
     * The limiter's decision for the request's client. Only a request with an {@code Authorization}
     * header can have a principal (the token is read from that header alone), so a request without
     * one is limited by its address at once, without asking the security context for a principal it
     * cannot have (about ten operators on every anonymous request). With one, the principal is the
     * security context's authentication, read as {@code exchange.getPrincipal()} reads it but without
     * its {@code mapNotNull}: that is a {@code handle} operator, around which Reactor's context
     * propagation restores every thread-local from the request's context (the observation's scope and
     * the span's with it), about 3 % of the gateway's CPU per request with a token (JFR, 2026-12-06).
     */
    private static Mono<Limiter.Decision> decision(ServerWebExchange exchange, XForwardedRemoteAddressResolver addresses,
            Function<String, Mono<Limiter.Decision>> consume) {
        if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return consume.apply(address(exchange, addresses));
        }
        return ReactiveSecurityContextHolder.getContext()
                .flatMap(context -> Mono.justOrEmpty(context.getAuthentication()))
                .map(principal -> "sub:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> address(exchange, addresses)))
                .flatMap(consume);
    }

    private static String address(ServerWebExchange exchange, XForwardedRemoteAddressResolver addresses) {
        InetSocketAddress address = addresses.resolve(exchange);
        return "ip:" + (address == null ? "unknown" : address.getAddress() == null ? address.getHostString()
                : address.getAddress().getHostAddress());
    }

    private static Mono<Void> tooMany(ServerWebExchange exchange, Limiter.Decision decision, ReactiveProblems problems) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", decision.retryAfterSeconds());
    }
}

package cn.hongqiao.samecity.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * Token buckets in Redis, shared by every gateway replica: Spring Cloud Gateway's
 * {@link RedisRateLimiter} (its Lua script), configured per route group from {@link RateLimitProperties}.
 */
class RedisLimiter implements Limiter {

    private final RedisRateLimiter redis;
    private final RateLimitProperties properties;

    RedisLimiter(RedisRateLimiter redis, RateLimitProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public Mono<Decision> consume(String group, String client) {
        RateLimitProperties.Limit limit = properties.limitFor(group);
        redis.getConfig().computeIfAbsent(group, g -> new RedisRateLimiter.Config()
                .setReplenishRate(limit.replenishRate()).setBurstCapacity(limit.burstCapacity()).setRequestedTokens(1));
        return redis.isAllowed(group, client).map(response -> {
            String remaining = response.getHeaders().getOrDefault(RedisRateLimiter.REMAINING_HEADER, "-1");
            return new Decision(response.isAllowed(), Long.parseLong(remaining), response.isAllowed() ? 0 : 1);
        });
    }
}

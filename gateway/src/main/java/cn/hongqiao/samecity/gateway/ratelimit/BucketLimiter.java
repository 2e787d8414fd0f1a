package cn.hongqiao.samecity.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/** In-process token buckets (Bucket4j), one per client and route group: for one gateway, in local mode. */
class BucketLimiter implements Limiter {

    static final int MAX_BUCKETS = 100_000;

    private final RateLimitProperties properties;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    BucketLimiter(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Decision> consume(String group, String client) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // bounded memory: a burst of distinct clients resets the buckets
        }
        RateLimitProperties.Limit limit = properties.limitFor(group);
        Bucket bucket = buckets.computeIfAbsent(group + '\u0000' + client, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.burstCapacity()).refillGreedy(limit.replenishRate(), Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
        return Mono.just(new Decision(probe.isConsumed(), probe.getRemainingTokens(), retryAfter));
    }
}

package cn.hongqiao.samecity.gateway.ratelimit;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.rate-limit.*}: requests per client (token subject, else address) per route
 * group (the service's name), as a token bucket: {@code replenish-rate} per second, up to
 * {@code burst-capacity} at once. {@code store}: {@code memory} (one gateway, local mode) or
 * {@code redis} (shared by every gateway replica).
 */
@ConfigurationProperties("platform.rate-limit")
public record RateLimitProperties(Store store, Limit defaults, Map<String, Limit> groups) {

    public enum Store { MEMORY, REDIS }

    public record Limit(int replenishRate, int burstCapacity) {
        public Limit {
            if (replenishRate < 1 || burstCapacity < replenishRate) {
                throw new IllegalArgumentException("rate limit: need replenish-rate >= 1 and burst-capacity >= replenish-rate");
            }
        }
    }

    public RateLimitProperties {
        store = store == null ? Store.MEMORY : store;
        defaults = defaults == null ? new Limit(100, 200) : defaults;
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    Limit limitFor(String group) {
        return groups.getOrDefault(group, defaults);
    }
}

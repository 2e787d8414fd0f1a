package cn.hongqiao.samecity.defaults.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import cn.hongqiao.samecity.defaults.scheduling.Lease;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the trail {@code platform.audit.retention} long and no longer: nightly, on one replica (the
 * lease), the records older than that are purged at a checkpoint (see {@link AuditTrail#purge}).
 * TTL indexes are not used: the purge must leave a checkpoint, and the embedded server ignores them.
 */
final class AuditRetention {

    private final AuditTrail trail;
    private final Duration retention;
    private final Clock clock;
    private final @Nullable Lease lease;

    AuditRetention(AuditTrail trail, Duration retention, Clock clock, @Nullable Lease lease) {
        this.trail = trail;
        this.retention = retention;
        this.clock = clock;
        this.lease = lease;
    }

    @Scheduled(cron = "${platform.audit.purge-schedule:0 15 3 * * *}", zone = "${platform.clock.zone:Asia/Shanghai}")
    void nightly() {
        if (lease == null) {
            purge();
        } else {
            lease.runExclusively("audit-purge", Duration.ofMinutes(30), this::purge);
        }
    }

    void purge() {
        Instant now = clock.instant();
        trail.purge(now.minus(retention), now);
    }
}

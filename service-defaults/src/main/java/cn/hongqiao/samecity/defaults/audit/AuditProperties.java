package cn.hongqiao.samecity.defaults.audit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.audit}: the audit trail every service keeps.
 *
 * @param enabled       on by default; off only for a benchmark's reference run
 * @param personalReads ant patterns of the GETs that read personal data (an application, a list of
 *                      applications...): those are recorded too, besides every request that changes something
 *                      and every read of the trail itself
 * @param digest        the chain's hash: SHA-256 (default) or SM3 where 商用密码 is required
 * @param retention     how long records are kept: at least 180 days (网络安全法 第二十一条: network logs
 *                      at least six months), the default; a shorter setting stops the service at start
 * @param purgeSchedule when the retention's purge runs (cron, in the platform's zone): nightly at 03:15
 */
@ConfigurationProperties("platform.audit")
public record AuditProperties(Boolean enabled, List<String> personalReads, AuditDigest digest, Duration retention, String purgeSchedule) {

    /** The least the law allows. */
    public static final Duration LEAST_RETENTION = Duration.ofDays(180);

    public AuditProperties {
        enabled = enabled == null || enabled;
        personalReads = personalReads == null ? List.of() : List.copyOf(personalReads);
        digest = digest == null ? AuditDigest.SHA_256 : digest;
        retention = retention == null ? LEAST_RETENTION : retention;
        purgeSchedule = purgeSchedule == null || purgeSchedule.isBlank() ? "0 15 3 * * *" : purgeSchedule;
    }
}

package cn.hongqiao.samecity.defaults.audit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.audit}: the audit trail every service keeps.
 *
 * @param enabled       on by default; off only for a benchmark's reference run
 * @param personalReads ant patterns of the GETs that read personal data (an application, a list of
 *                      applications...): those are recorded too, besides every request that changes something
 */
@ConfigurationProperties("platform.audit")
public record AuditProperties(Boolean enabled, List<String> personalReads) {

    public AuditProperties {
        enabled = enabled == null || enabled;
        personalReads = personalReads == null ? List.of() : List.copyOf(personalReads);
    }
}

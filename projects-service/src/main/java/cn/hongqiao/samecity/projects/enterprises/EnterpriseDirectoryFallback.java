package cn.hongqiao.samecity.projects.enterprises;

import cn.hongqiao.samecity.defaults.peers.PeerFailures;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.stereotype.Component;

/**
 * What {@link EnterpriseDirectory} answers when enterprise-service is slow, failing, answering
 * garbage or behind an open circuit: a page marked unavailable with the reason, counted in the
 * metric {@code peer.fallbacks{peer=enterprise-service}} and logged. Never a false empty list.
 */
@Component
class EnterpriseDirectoryFallback implements FallbackFactory<EnterpriseDirectory> {

    private static final Logger log = LoggerFactory.getLogger(EnterpriseDirectoryFallback.class);

    private final MeterRegistry meters;

    EnterpriseDirectoryFallback(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public EnterpriseDirectory create(Throwable cause) {
        return (projectId, size) -> {
            String reason = PeerFailures.reason(cause);
            meters.counter("peer.fallbacks", "peer", "enterprise-service", "reason", reason).increment();
            log.warn("enterprise-service unavailable ({}) for settled enterprises of project {}: {}", reason, projectId,
                    cause.toString());
            return EnterpriseDirectory.EnterprisePage.unavailable(reason);
        };
    }
}

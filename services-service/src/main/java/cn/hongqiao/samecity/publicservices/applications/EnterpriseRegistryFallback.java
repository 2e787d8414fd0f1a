package cn.hongqiao.samecity.publicservices.applications;

import cn.hongqiao.samecity.defaults.peers.PeerFailures;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.stereotype.Component;

/** enterprise-service could not answer: the lookup is "unavailable" with the reason, counted in {@code peer.fallbacks}. */
@Component
class EnterpriseRegistryFallback implements FallbackFactory<EnterpriseRegistry> {

    private static final Logger log = LoggerFactory.getLogger(EnterpriseRegistryFallback.class);

    private final MeterRegistry meters;

    EnterpriseRegistryFallback(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public EnterpriseRegistry create(Throwable cause) {
        return (creditCode, size) -> {
            String reason = PeerFailures.reason(cause);
            meters.counter("peer.fallbacks", "peer", "enterprise-service", "reason", reason).increment();
            log.warn("enterprise-service unavailable ({}) to verify an applicant: {}", reason, cause.toString());
            return new EnterpriseRegistry.Page(java.util.List.of(), 0, reason);
        };
    }
}

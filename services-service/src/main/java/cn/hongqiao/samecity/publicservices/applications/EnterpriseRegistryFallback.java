package cn.hongqiao.samecity.publicservices.applications;

import cn.hongqiao.samecity.defaults.peers.PeerFallbacks;

import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.stereotype.Component;

/** enterprise-service could not answer: the lookup is "unavailable" with the reason, counted in {@code peer.fallbacks}. */
@Component
class EnterpriseRegistryFallback implements FallbackFactory<EnterpriseRegistry> {

    private final PeerFallbacks fallbacks;

    EnterpriseRegistryFallback(PeerFallbacks fallbacks) {
        this.fallbacks = fallbacks;
    }

    @Override
    public EnterpriseRegistry create(Throwable cause) {
        return (creditCode, size) -> {
            String reason = fallbacks.record("enterprise-service", cause, "to verify an applicant");
            return new EnterpriseRegistry.Page(java.util.List.of(), 0, reason);
        };
    }
}

package cn.hongqiao.samecity.projects.enterprises;

import cn.hongqiao.samecity.defaults.peers.PeerFallbacks;

import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.stereotype.Component;

/**
 * What {@link EnterpriseDirectory} answers when enterprise-service is slow, failing, answering
 * garbage or behind an open circuit: a page marked unavailable with the reason, counted in the
 * metric {@code peer.fallbacks{peer=enterprise-service}} and logged. Never a false empty list.
 */
@Component
class EnterpriseDirectoryFallback implements FallbackFactory<EnterpriseDirectory> {

    private final PeerFallbacks fallbacks;

    EnterpriseDirectoryFallback(PeerFallbacks fallbacks) {
        this.fallbacks = fallbacks;
    }

    @Override
    public EnterpriseDirectory create(Throwable cause) {
        return (projectId, size) -> {
            String reason = fallbacks.record("enterprise-service", cause, "for the enterprises settled in project " + projectId);
            return EnterpriseDirectory.EnterprisePage.unavailable(reason);
        };
    }
}

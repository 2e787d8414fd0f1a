package cn.hongqiao.samecity.enterprise.settlement;

import cn.hongqiao.samecity.defaults.peers.PeerFailures;
import cn.hongqiao.samecity.defaults.peers.PeerFallbacks;

import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.stereotype.Component;

/**
 * What {@link UnitRegistry} does when a call did not succeed: it never answers as if the unit
 * were confirmed. projects-service's own refusals pass through as {@link UnitRefused} (409: held
 * by another; 404: no such unit); anything else (timeout, 5xx, garbage, open circuit) is
 * {@link RegistryUnavailable} with the reason, counted in {@code peer.fallbacks}.
 */
@Component
class UnitRegistryFallback implements FallbackFactory<UnitRegistry> {

    /** projects-service answered and refused: the unit is held by another enterprise, or does not exist. */
    static class UnitRefused extends RuntimeException {
        final int status;

        UnitRefused(int status) {
            super("projects-service refused with " + status);
            this.status = status;
        }
    }

    /** projects-service could not answer; {@code reason} says how. */
    static class RegistryUnavailable extends RuntimeException {
        final String reason;

        RegistryUnavailable(String reason, Throwable cause) {
            super("projects-service unavailable: " + reason, cause);
            this.reason = reason;
        }
    }

    private final PeerFallbacks fallbacks;

    UnitRegistryFallback(PeerFallbacks fallbacks) {
        this.fallbacks = fallbacks;
    }

    @Override
    public UnitRegistry create(Throwable cause) {
        return new UnitRegistry() {
            @Override
            public UnitHolding occupy(String authorization, String unitId, HolderRequest request) {
                throw failure("occupy", unitId);
            }

            @Override
            public UnitHolding release(String authorization, String unitId, HolderRequest request) {
                throw failure("release", unitId);
            }

            private RuntimeException failure(String command, String unitId) {
                Integer status = PeerFailures.status(cause);
                if (status != null && status >= 400 && status < 500) {
                    return new UnitRefused(status);
                }
                String reason = fallbacks.record("projects-service", cause, "to " + command + " unit " + unitId);
                return new RegistryUnavailable(reason, cause);
            }
        };
    }
}

package cn.hongqiao.samecity.defaults.peers;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Feign fallback does before answering "unavailable": name the reason
 * ({@link PeerFailures#reason}), count it in {@code peer.fallbacks{peer, reason}} and log it, so a
 * fallback is always visible.
 */
public class PeerFallbacks {

    private static final Logger log = LoggerFactory.getLogger(PeerFallbacks.class);

    private final MeterRegistry meters;

    public PeerFallbacks(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Records that a call to {@code peer} for {@code what} fell back; returns the reason. */
    public String record(String peer, Throwable cause, String what) {
        String reason = PeerFailures.reason(cause);
        meters.counter("peer.fallbacks", "peer", peer, "reason", reason).increment();
        log.warn("{} unavailable ({}) {}: {}", peer, reason, what, String.valueOf(cause));
        return reason;
    }
}

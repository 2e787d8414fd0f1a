package cn.hongqiao.samecity.publicservices.applications;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import cn.hongqiao.samecity.publicservices.exchange.PartnerMessage;
import org.jspecify.annotations.Nullable;

/**
 * A message to the partner region in the application's outbox, written in the same document update
 * as the move that causes it, and its delivery: PENDING until the partner's receipt (SENT), tried
 * again with exponential backoff and jitter, PARKED when the partner refuses it for good or the
 * attempts run out (an operator retries it).
 */
public record Outgoing(PartnerMessage message, Status status, int attempts, Instant nextAttemptAt, @Nullable String lastError,
        @Nullable Instant sentAt, @Nullable Instant parkedAt) {

    public enum Status {
        PENDING("待发送"),
        SENT("已送达"),
        PARKED("已搁置");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How failed deliveries are spaced and when they stop. */
    record Backoff(Duration first, Duration longest, double jitter, int maxAttempts) {

        /** The wait after the {@code failures}-th failure: first × 2^(failures-1), capped, ± jitter. */
        Duration after(int failures, RandomGenerator random) {
            double base = Math.min(first.toMillis() * Math.pow(2, Math.max(0, failures - 1)), longest.toMillis());
            double spread = base * jitter * (2 * random.nextDouble() - 1);
            return Duration.ofMillis(Math.max(1, Math.round(base + spread)));
        }
    }

    static Outgoing queued(PartnerMessage message, Instant now) {
        return new Outgoing(message, Status.PENDING, 0, now, null, null, null);
    }

    int sequence() {
        return message.sequence();
    }

    Outgoing delivered(Instant now) {
        return new Outgoing(message, Status.SENT, attempts + 1, nextAttemptAt, lastError, now, null);
    }

    /** A failed attempt: tried again after the backoff, or parked when refused for good or out of attempts. */
    Outgoing failed(String reason, boolean permanent, Instant now, Backoff backoff, RandomGenerator random) {
        int failures = attempts + 1;
        if (permanent || failures >= backoff.maxAttempts()) {
            String why = permanent ? reason : "gave up after " + failures + " attempts: " + reason;
            return new Outgoing(message, Status.PARKED, failures, nextAttemptAt, why, null, now);
        }
        return new Outgoing(message, Status.PENDING, failures, now.plus(backoff.after(failures, random)), reason, null, null);
    }

    /** An operator's retry of a parked message: sent at the relay's next round, with a fresh count of attempts. */
    Outgoing retried(Instant now) {
        if (status != Status.PARKED) {
            throw new cn.hongqiao.samecity.defaults.problem.StateConflict("exchange-message-not-parked", java.util.Map.of(),
                    message.correlationId(), message.sequence(), status.label());
        }
        return new Outgoing(message, Status.PENDING, 0, now, lastError, null, null);
    }
}

package cn.hongqiao.samecity.enterprise.registry;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where an enterprise settles: a unit of a building of a project (held in projects-service).
 * {@code PENDING} while projects-service has not confirmed the unit (a failed call leaves it so,
 * visibly, and repeating the same request completes it); {@code CONFIRMED} once it has.
 */
public record Settlement(Status status, String unitId, @Nullable String projectId, @Nullable String buildingId, Instant requestedAt, @Nullable Instant since) {

    public enum Status {
        PENDING("待确认"),
        CONFIRMED("已入驻");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    static Settlement pending(String unitId, Instant at) {
        return new Settlement(Status.PENDING, unitId, null, null, at, null);
    }

    Settlement confirmed(String projectId, String buildingId, Instant at) {
        return new Settlement(Status.CONFIRMED, unitId, projectId, buildingId, requestedAt, at);
    }

    boolean confirmed() {
        return status == Status.CONFIRMED;
    }
}

package cn.hongqiao.samecity.publicservices.applications;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether an enterprise applicant is registered in the district (enterprise-service): VERIFIED,
 * NOT_FOUND, or PENDING while enterprise-service could not answer (verified later); NOT_NEEDED for
 * citizens.
 */
public record Verification(Status status, @Nullable String enterpriseId, @Nullable String reason, @Nullable Instant checkedAt) {

    public enum Status {
        NOT_NEEDED("无需核验"),
        PENDING("待核验"),
        VERIFIED("已核验"),
        NOT_FOUND("未找到该企业");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    static Verification notNeeded() {
        return new Verification(Status.NOT_NEEDED, null, null, null);
    }

    static Verification pending(String reason) {
        return new Verification(Status.PENDING, null, reason, null);
    }
}

package cn.hongqiao.samecity.publicservices.applications;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import cn.hongqiao.samecity.defaults.scheduling.Lease;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies enterprise applicants with enterprise-service. When it cannot answer, the application
 * is still accepted for processing with verification PENDING, and verified later: every
 * {@code services.verification.retry} (default 5 minutes) and on demand
 * ({@code POST /api/v1/applications/verifications}).
 */
@Component
class EnterpriseVerifier {

    private static final Logger log = LoggerFactory.getLogger(EnterpriseVerifier.class);

    private final EnterpriseRegistry registry;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final Lease lease;

    EnterpriseVerifier(EnterpriseRegistry registry, MongoTemplate mongo, Clock clock, Lease lease) {
        this.lease = lease;
        this.registry = registry;
        this.mongo = mongo;
        this.clock = clock;
    }

    Application verify(Application application) {
        String creditCode = application.applicant().creditCode();
        EnterpriseRegistry.Page page = registry.byCreditCode(creditCode, 1);
        Verification verification;
        if (page == null || page.unavailableReason() != null || page.items() == null) {
            verification = new Verification(Verification.Status.PENDING, null,
                    page == null || page.items() == null ? "malformed-response" : page.unavailableReason(), clock.instant());
        } else if (page.items().isEmpty() || !creditCode.equals(page.items().get(0).creditCode())) {
            verification = new Verification(Verification.Status.NOT_FOUND, null, null, clock.instant());
        } else {
            verification = new Verification(Verification.Status.VERIFIED, page.items().get(0).id(), null, clock.instant());
        }
        // only the verification changes: no collision with a desk officer's concurrent move
        mongo.updateFirst(Query.query(Criteria.where("_id").is(new org.bson.types.ObjectId(application.id()))),
                Update.update("verification", mongo.getConverter().convertToMongoType(verification)), "applications");
        application.verified(verification);
        return application;
    }

    /** Every few minutes, on one replica at a time. */
    @Scheduled(fixedDelayString = "${services.verification.retry:PT5M}", initialDelayString = "${services.verification.retry:PT5M}")
    void retryPending() {
        lease.runExclusively("verification-retry", Duration.ofMinutes(10), this::verifyPending);
    }

    /** Re-verifies every application still pending; returns how many are still pending after. */
    int verifyPending() {
        List<Application> pending = mongo.find(Query.query(Criteria.where("verification.status").is(Verification.Status.PENDING)).limit(500),
                Application.class);
        long still = pending.stream().map(this::verify).filter(a -> a.verification().status() == Verification.Status.PENDING).count();
        if (!pending.isEmpty()) {
            log.info("Re-verified {} enterprise applicants; {} still pending", pending.size(), still);
        }
        return (int) still;
    }
}

package cn.hongqiao.samecity.defaults.audit;

import java.time.Instant;
import java.util.List;

import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Not a test: bench/audit.sh's figures for the trail itself (run with {@code -Dbench=true}): records
 * appended per second, one writer, on the embedded server in memory; and the time to verify 100,000
 * records. Prints lines starting {@code audit-bench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(classes = DefaultsTestApplication.class, properties = {
        "platform.mongodb.embedded=true", "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "logging.level.audit=WARN" })
class AuditTrailBench {

    static final int RECORDS = 100_000;

    @Autowired
    MongoTemplate mongo;
    @Autowired
    AuditTrail trail;

    @Test
    void appendAndVerify() {
        mongo.remove(new Query(), AuditRecord.COLLECTION);
        trail.forgetHead();
        AuditRecord entry = AuditRecord.of(Instant.now(), "officer-demo", List.of("officer"), "红桥区政务服务办公室", null, "portal-web", "203.0.113.7",
                "services-service", "POST", "/api/v1/applications/0123456789abcdef01234567/actions", "applications",
                "0123456789abcdef01234567", "POST /api/v1/applications/{id}/actions", 201, "4bf92f3577b34da6a3ce929d0e0e4736");
        for (int i = 0; i < 2_000; i++) { // warm-up
            trail.append(entry);
        }
        mongo.remove(new Query(), AuditRecord.COLLECTION);
        trail.forgetHead();
        long start = System.nanoTime();
        for (int i = 0; i < RECORDS; i++) {
            trail.append(entry);
        }
        double appendSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        AuditTrail.Verification verification = trail.verify();
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("audit-bench appended %d records in %.1f s: %.0f records/s (one writer, embedded server in memory)%n", RECORDS,
                appendSeconds, RECORDS / appendSeconds);
        System.out.printf("audit-bench verified %d records in %.2f s (intact: %s)%n", verification.checked(), verifySeconds, verification.intact());
    }
}

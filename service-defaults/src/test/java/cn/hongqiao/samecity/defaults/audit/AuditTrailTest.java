package cn.hongqiao.samecity.defaults.audit;

import java.util.List;

import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail every service keeps: each request that changes something, refused ones included,
 * and each read of personal data, with who, from where, what and the outcome, never a value; chained
 * by hashes so that an altered or a deleted record is found; and logged for central collection.
 */
@SpringBootTest(classes = DefaultsTestApplication.class, properties = {
        "platform.mongodb.embedded=true", "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.security.public-get=/api/v1/widgets/**", "platform.audit.personal-reads=/api/v1/widgets/W-SECRET*",
        "spring.application.name=audit-test" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class AuditTrailTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    LocalTokenIssuer issuer;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    AuditTrail trail;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), "widgets");
        mongo.remove(new Query(), AuditRecord.COLLECTION);
    }

    private List<AuditRecord> records() {
        return mongo.find(new Query().with(Sort.by("sequence")), AuditRecord.class);
    }

    private void create(String token, String code) {
        mvc.post().uri("/api/v1/widgets").header(HttpHeaders.AUTHORIZATION, token).header("X-Forwarded-For", "203.0.113.7, 10.0.0.2")
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"" + code + "\", \"name\": \"张三的零件\", \"price\": 1.50}").exchange();
    }

    @Test
    void everyWriteIsRecordedWithWhoFromWhereWhatAndTheOutcomeRefusedOnesToo(CapturedOutput output) {
        String officer = "Bearer " + issuer.issue("officer", null, "红桥区医疗保障局").accessToken();
        create(officer, "W-1");
        create("Bearer " + issuer.issue("citizen", null).accessToken(), "W-2");
        create("Bearer not-a-token", "W-3");
        mvc.post().uri("/api/v1/widgets").contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        List<AuditRecord> records = records();
        assertThat(records).extracting(AuditRecord::status, AuditRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(200, AuditRecord.Outcome.SUCCESS), org.assertj.core.groups.Tuple.tuple(403, AuditRecord.Outcome.REFUSED),
                org.assertj.core.groups.Tuple.tuple(401, AuditRecord.Outcome.REFUSED), org.assertj.core.groups.Tuple.tuple(401, AuditRecord.Outcome.REFUSED));
        AuditRecord first = records.get(0);
        assertThat(first.subject()).isEqualTo("officer-demo");
        assertThat(first.roles()).containsExactly("officer");
        assertThat(first.department()).isEqualTo("红桥区医疗保障局");
        assertThat(first.clientAddress()).as("as the gateway saw it").isEqualTo("203.0.113.7");
        assertThat(first.service()).isEqualTo("audit-test");
        assertThat(first.resourceType()).isEqualTo("widgets");
        assertThat(first.action()).isEqualTo("POST /api/v1/widgets");
        assertThat(records.get(1).subject()).isEqualTo("citizen-demo");
        assertThat(records.get(3).subject()).as("anonymous").isNull();
        assertThat(records).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L);

        // never the data itself: not in the records, nor in the log lines
        assertThat(mongo.findAll(Document.class, AuditRecord.COLLECTION).toString()).doesNotContain("张三");
        assertThat(output.getOut()).contains("\"event\":{\"category\":\"audit\"").contains("audit 1 POST /api/v1/widgets -> 200 by officer-demo").doesNotContain("张三的零件");
    }

    @Test
    void readsAreRecordedOnlyWhereTheyReadPersonalData() {
        mvc.get().uri("/api/v1/widgets/W-1").exchange();
        assertThat(records()).as("an ordinary read").isEmpty();
        mvc.get().uri("/api/v1/widgets/W-SECRET-1").exchange();
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.resourceId()).isEqualTo("W-SECRET-1");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.REJECTED);
        });
    }

    @Test
    void anAlteredOrADeletedRecordBreaksTheChainWhereItHappened() {
        String officer = "Bearer " + issuer.issue("officer", null).accessToken();
        for (int i = 1; i <= 5; i++) {
            create(officer, "W-" + i);
        }
        assertThat(trail.verify()).satisfies(v -> {
            assertThat(v.intact()).isTrue();
            assertThat(v.checked()).isEqualTo(5);
        });

        // someone turns a refusal into a success, or a subject into another
        mongo.updateFirst(Query.query(Criteria.where("sequence").is(3)), Update.update("subject", "someone-else"), AuditRecord.COLLECTION);
        assertThat(trail.verify()).satisfies(v -> {
            assertThat(v.brokenAt()).isEqualTo(3);
            assertThat(v.reason()).contains("altered");
        });
        mongo.remove(Query.query(Criteria.where("sequence").is(3)), AuditRecord.COLLECTION);
        assertThat(trail.verify()).satisfies(v -> {
            assertThat(v.brokenAt()).isEqualTo(3);
            assertThat(v.reason()).contains("missing");
        });
    }
}

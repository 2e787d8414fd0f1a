package cn.hongqiao.samecity.defaults.audit;

import java.time.Instant;
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
        trail.flush(); // what the last test recorded lands before the trail is emptied, not after
        mongo.remove(new Query(), "widgets");
        mongo.remove(new Query(), AuditRecord.COLLECTION);
        mongo.remove(new Query(), AuditCheckpoint.COLLECTION);
        trail.forgetHead();
    }

    private List<AuditRecord> records() {
        trail.flush();
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
        assertThat(output.getOut()).contains("\"event\":{\"category\":\"audit\"").contains("audit record 1")
                .contains("\"user\":{\"id\":\"officer-demo\",\"roles\":\"officer\"}").contains("\"url\":{\"path\":\"/api/v1/widgets\"}")
                .doesNotContain("张三的零件");
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

    @Test
    void theAuditorReadsTheTrailNewestFirstFilteredAndPagedAndItsReadingIsRecordedToo() {
        String officer = "Bearer " + issuer.issue("officer", null).accessToken();
        String other = "Bearer " + issuer.issue("officer", "officer-2").accessToken();
        for (int i = 1; i <= 3; i++) {
            create(officer, "W-" + i);
        }
        create(other, "W-9");
        String auditor = "Bearer " + issuer.issue("auditor", null).accessToken();

        assertThat(mvc.get().uri("/api/v1/audit/records?subject=officer-demo&size=2").header(HttpHeaders.AUTHORIZATION, auditor))
                .hasStatusOk().bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.records[*].sequence").asArray().containsExactly(3, 2);
                    json.assertThat().extractingPath("$.records[0].subject").isEqualTo("officer-demo");
                    json.assertThat().extractingPath("$.records[0].hash").asString().hasSize(64);
                    json.assertThat().extractingPath("$.more").isEqualTo(true);
                });
        assertThat(mvc.get().uri("/api/v1/audit/records?subject=officer-demo&before=2").header(HttpHeaders.AUTHORIZATION, auditor))
                .hasStatusOk().bodyJson().satisfies(json -> {
                    json.assertThat().extractingPath("$.records[*].sequence").asArray().containsExactly(1);
                    json.assertThat().extractingPath("$.more").isEqualTo(false);
                });
        assertThat(mvc.get().uri("/api/v1/audit/records?resourceType=widgets&outcome=SUCCESS&method=POST").header(HttpHeaders.AUTHORIZATION, auditor))
                .hasStatusOk().bodyJson().extractingPath("$.records.length()").isEqualTo(4);
        // who read the trail is in it: two searches so far
        assertThat(records()).filteredOn(r -> r.path().equals("/api/v1/audit/records")).hasSize(3)
                .allSatisfy(r -> assertThat(r.subject()).isEqualTo("auditor-demo"));

        assertThat(mvc.get().uri("/api/v1/audit/records?outcome=MAYBE").header(HttpHeaders.AUTHORIZATION, auditor)).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.errors[0].field").isEqualTo("outcome");
        assertThat(mvc.get().uri("/api/v1/audit/records?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z").header(HttpHeaders.AUTHORIZATION, auditor))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("to");
        assertThat(mvc.get().uri("/api/v1/audit/records?size=101").header(HttpHeaders.AUTHORIZATION, auditor)).hasStatus(400);
        assertThat(mvc.get().uri("/api/v1/audit/verification").header(HttpHeaders.AUTHORIZATION, auditor)).hasStatusOk().bodyJson()
                .satisfies(json -> {
                    json.assertThat().extractingPath("$.brokenAt").isNull();
                    json.assertThat().extractingPath("$.from").isEqualTo(1);
                });
    }

    @Test
    void onlyTheAuditorReadsTheTrailAndTheAuditorDoesNothingElsePublicReadsIncluded() {
        String auditor = "Bearer " + issuer.issue("auditor", null).accessToken();
        assertThat(mvc.get().uri("/api/v1/audit/records").header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue("admin", null).accessToken()))
                .hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/v1/audit/verification")).as("anonymous").hasStatus(401);
        assertThat(mvc.get().uri("/api/v1/widgets/W-1").header(HttpHeaders.AUTHORIZATION, auditor)).as("a public read").hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/v1/widgets/W-1")).as("the same, anonymous").hasStatus(404);
        create(auditor, "W-5");
        assertThat(records()).filteredOn(r -> r.method().equals("POST")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.subject()).isEqualTo("auditor-demo");
        });
        // there is no way to change or remove a record through the API, the auditor's or anyone's
        for (String token : List.of(auditor, "Bearer " + issuer.issue("admin", null).accessToken())) {
            assertThat(mvc.delete().uri("/api/v1/audit/records").header(HttpHeaders.AUTHORIZATION, token)).hasStatus4xxClientError();
            assertThat(mvc.put().uri("/api/v1/audit/records/1").header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).content("{}")).hasStatus4xxClientError();
        }
        int stored = records().size();
        assertThat(mongo.count(new Query(), AuditRecord.COLLECTION)).isEqualTo(stored);
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void aPurgeRemovesTheOldestRecordsAtACheckpointAndTheChainStillVerifiesFromThere() {
        String officer = "Bearer " + issuer.issue("officer", null).accessToken();
        for (int i = 1; i <= 5; i++) {
            create(officer, "W-" + i);
        }
        trail.flush();
        // records 1 to 3 are old: 200 days
        Instant old = Instant.now().minus(java.time.Duration.ofDays(200));
        for (long s = 1; s <= 3; s++) {
            AuditRecord r = mongo.findOne(Query.query(Criteria.where("sequence").is(s)), AuditRecord.class);
            AuditRecord aged = new AuditRecord(r.id(), r.sequence(), old.plusSeconds(s), r.subject(), r.roles(), r.department(), r.enterpriseId(),
                    r.clientId(), r.clientAddress(), r.service(), r.method(), r.path(), r.resourceType(), r.resourceId(), r.action(), r.status(),
                    r.outcome(), r.traceId(), r.digest(), r.previousHash(), "");
            mongo.save(aged.chainedAfter(s, r.previousHash(), AuditDigest.SHA_256));
        }
        rechain();
        assertThat(trail.verify().intact()).isTrue();

        Instant now = Instant.now();
        assertThat(trail.purge(now.minus(AuditProperties.LEAST_RETENTION), now)).hasValueSatisfying(c -> {
            assertThat(c.sequence()).isEqualTo(3);
            assertThat(c.purged()).isEqualTo(3);
        });
        assertThat(records()).extracting(AuditRecord::sequence).containsExactly(4L, 5L, 6L);
        assertThat(records().get(2).action()).as("the purge is on the record").startsWith("PURGE");
        assertThat(records().get(2).resourceId()).isEqualTo("3");
        assertThat(trail.verify()).satisfies(v -> {
            assertThat(v.intact()).isTrue();
            assertThat(v.from()).isEqualTo(4);
            assertThat(v.checked()).isEqualTo(3);
            assertThat(v.head()).isEqualTo(6);
        });
        assertThat(trail.purge(now.minus(AuditProperties.LEAST_RETENTION), now)).as("nothing old left").isEmpty();

        // after the checkpoint, a deletion is still found
        mongo.remove(Query.query(Criteria.where("sequence").is(4)), AuditRecord.COLLECTION);
        assertThat(trail.verify()).satisfies(v -> {
            assertThat(v.brokenAt()).isEqualTo(4);
            assertThat(v.reason()).contains("missing");
        });
    }

    @Test
    void theChainCanBeSm3AndAStoredTrailKeepsVerifyingWhenTheDigestChanges() {
        String officer = "Bearer " + issuer.issue("officer", null).accessToken();
        create(officer, "W-1");
        trail.flush();
        AuditTrail sm3 = new AuditTrail(mongo, AuditDigest.SM3, "audit-test", null);
        AuditRecord r = sm3.append(AuditRecord.of(Instant.now(), "officer-demo", List.of("officer"), null, null, null, "127.0.0.1", "audit-test",
                "POST", "/api/v1/widgets", "widgets", null, "POST /api/v1/widgets", 200, null));
        assertThat(r.digest()).isEqualTo("SM3");
        assertThat(r.hash()).hasSize(64).isNotEqualTo(r.chainedAfter(r.sequence(), r.previousHash(), AuditDigest.SHA_256).hash());
        // GB/T 32905-2016's example: SM3("abc")
        assertThat(AuditDigest.SM3.hex("abc")).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        create(officer, "W-2");
        assertThat(records()).extracting(AuditRecord::digest).containsExactly("SHA-256", "SM3", "SHA-256");
        assertThat(trail.verify().intact()).isTrue();
        mongo.updateFirst(Query.query(Criteria.where("sequence").is(2)), Update.update("status", 201), AuditRecord.COLLECTION);
        assertThat(trail.verify().brokenAt()).isEqualTo(2);
    }

    @Test
    void aRecordIsStoredAsSpringDataWouldMapItLessItsTypeHintAndReadsBackAsItself() {
        AuditRecord full = AuditRecord.of(Instant.parse("2026-12-05T01:02:03.456Z"), "officer-demo", List.of("admin", "officer"), "红桥区人力资源和社会保障局",
                "E-1", "portal", "10.0.0.7", "audit-test", "POST", "/api/v1/widgets/W-1/moves", "widgets", "W-1", "POST /api/v1/widgets/{id}/moves",
                409, "4bf92f3577b34da6a3ce929d0e0e4736").chainedAfter(7, AuditRecord.GENESIS, AuditDigest.SHA_256);
        AuditRecord sparse = AuditRecord.of(Instant.parse("2026-12-05T01:02:04Z"), null, List.of(), null, null, null, "127.0.0.1", "audit-test",
                "POST", "/api/v1/widgets", "widgets", null, "POST /api/v1/widgets", 401, null).chainedAfter(8, full.hash(), AuditDigest.SM3);
        for (AuditRecord record : List.of(full, sparse)) {
            Document mapped = new Document();
            mongo.getConverter().write(record, mapped);
            mapped.remove("_class");
            assertThat(AuditTrail.documentOf(record)).isEqualTo(mapped);
        }
        trail.appendAll(List.of(full, sparse));
        assertThat(records()).hasSize(2).first().usingRecursiveComparison().ignoringFields("id", "sequence", "previousHash", "hash")
                .isEqualTo(full);
        assertThat(mongo.getCollection(AuditRecord.COLLECTION).find().first()).doesNotContainKey("_class");
        assertThat(trail.verify().intact()).isTrue();
    }

    /** The chain after test data was rewritten: every record rehashed after the one before it. */
    private void rechain() {
        String previous = AuditRecord.GENESIS;
        for (AuditRecord r : records()) {
            AuditRecord again = r.chainedAfter(r.sequence(), previous, AuditDigest.SHA_256);
            mongo.save(again);
            previous = again.hash();
        }
        trail.forgetHead();
    }
}

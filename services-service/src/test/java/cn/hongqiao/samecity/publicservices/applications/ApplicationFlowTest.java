package cn.hongqiao.samecity.publicservices.applications;

import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 办件 through the API on Friday 26 September 2025: a citizen applies for an item handled with
 * Fengtai (twice with one key: one application), cannot see another's; the desk requests a
 * correction, accepts (due 10 October: the National Day holidays skipped), handles and completes.
 */
@ServiceTest
@TestPropertySource(properties = "platform.clock.fixed=2025-09-26T10:00:00+08:00")
class ApplicationFlowTest {

    static final String DEPARTMENT = "红桥区发展和改革委员会"; // the demo officer's department

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Autowired
    cn.hongqiao.samecity.defaults.audit.AuditTrail trail;
    @Autowired
    OverdueGauge overdueGauge;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    String itemId;
    String citizen;
    String officer;

    @BeforeEach
    void anItemHandledWithFengtai() throws Exception {
        mongo.remove(new Query(), Application.class);
        mongo.remove(new Query(), ServiceItem.class);
        officer = tokens.bearer("officer");
        citizen = tokens.bearer("citizen");
        MvcTestResult item = mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "KSTB-T-100", "name": "企业投资项目备案", "department": "%s", "itemType": "ADMINISTRATIVE_CONFIRMATION",
                         "handlingMode": "PROXY_HANDLING", "partnerRegions": ["110106"], "legalLimitDays": 10, "promisedLimitDays": 5}
                        """.formatted(DEPARTMENT)).exchange();
        itemId = json.readTree(item.getResponse().getContentAsString()).path("id").asString();
    }

    private String body(String idNumber) {
        return """
                {"itemId": "%s", "intakeRegion": "120106",
                 "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "%s"},
                 "materials": [{"name": "身份证复印件"}]}
                """.formatted(itemId, idNumber);
    }

    private MvcTestResult submit(String token, String key, String body) {
        return mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, token).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private MvcTestResult act(String uri, String token, String action) {
        return mvc.post().uri(uri + "/actions").header(HttpHeaders.AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON)
                .content(action).exchange();
    }

    /** Who saw or changed an application, and when: its submission and every read of it are in the audit trail, with no ID number. */
    @Test
    void readingAnApplicationLeavesATraceAndReadingTheCatalogueDoesNot() throws Exception {
        trail.flush(); // the set-up's own records, written behind, land before the trail is emptied, not after
        mongo.remove(new Query(), cn.hongqiao.samecity.defaults.audit.AuditRecord.class);
        trail.forgetHead();
        String id = json.readTree(submit(citizen, "key-audit-01", body("120106199001011234")).getResponse().getContentAsString())
                .path("id").asString();
        mvc.get().uri("/api/v1/applications/{id}", id).header(HttpHeaders.AUTHORIZATION, officer).exchange();
        mvc.get().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, citizen).exchange();
        mvc.get().uri("/api/v1/service-items").exchange();
        trail.flush();
        java.util.List<cn.hongqiao.samecity.defaults.audit.AuditRecord> trail = mongo.find(new Query().with(org.springframework.data.domain.Sort.by("sequence")),
                cn.hongqiao.samecity.defaults.audit.AuditRecord.class);
        assertThat(trail).extracting(r -> r.method() + " " + r.resourceType() + " " + r.resourceId() + " " + r.subject()).containsExactly(
                "POST applications null citizen-demo", "GET applications " + id + " officer-demo", "GET applications null citizen-demo");
        assertThat(mongo.findAll(org.bson.Document.class, "auditTrail").toString()).doesNotContain("120106199001011234");
    }

    @Test
    void oneKeyOneApplicationAndTheSameKeyWithAnotherBodyIs422() {
        MvcTestResult first = submit(citizen, "key-00000001", body("120106199001011234"));
        assertThat(first).hasStatus(201).bodyJson().extractingPath("$.status").isEqualTo("SUBMITTED");
        MvcTestResult again = submit(citizen, "key-00000001", body("120106199001011234"));
        assertThat(again).hasStatus(200).bodyJson().extractingPath("$.id")
                .isEqualTo(first.getResponse().getHeader(HttpHeaders.LOCATION).replaceAll(".*/", ""));
        MvcTestResult reused = submit(citizen, "key-00000001", body("120106199001019999"));
        assertThat(reused).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reused).bodyJson().extractingPath("$.code").isEqualTo("idempotency-key-reused");
        assertThat(reused).bodyJson().extractingPath("$.title").isEqualTo("幂等键已被使用");
        assertThat(mongo.count(new Query(), Application.class)).isEqualTo(1);
        assertThat(mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, citizen)
                .contentType(MediaType.APPLICATION_JSON).content(body("120106199001011234")).exchange())
                .as("no key").hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("Idempotency-Key");
    }

    @Test
    void theIdNumberIsMaskedInEveryAnswer() {
        MvcTestResult created = submit(citizen, "key-00000002", body("120106199001011234"));
        assertThat(created).bodyJson().extractingPath("$.applicant.idNumber").isEqualTo("1201**********1234");
        String uri = created.getResponse().getHeader(HttpHeaders.LOCATION);
        assertThat(mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, officer).exchange().getResponse().getContentAsByteArray())
                .asString().doesNotContain("120106199001011234");
        assertThat(mvc.get().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, citizen).exchange()
                .getResponse().getContentAsByteArray()).asString().doesNotContain("199001011234");
    }

    @Test
    void anotherCitizensApplicationIsIndistinguishableFromAMissingOne() {
        String uri = submit(citizen, "key-00000003", body("120106199001011234")).getResponse().getHeader(HttpHeaders.LOCATION);
        String other = tokens.bearer("citizen", "citizen-2");
        MvcTestResult theirs = mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, other).exchange();
        MvcTestResult missing = mvc.get().uri("/api/v1/applications/0123456789abcdef01234567").header(HttpHeaders.AUTHORIZATION, other).exchange();
        assertThat(theirs).hasStatus(404);
        assertThat(missing).hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, other).exchange())
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
        assertThat(act(uri, other, "{\"action\": \"WITHDRAW\"}")).hasStatus(404);
        assertThat(mvc.get().uri(uri).exchange()).as("anonymous").hasStatus(401);
    }

    @Test
    void theDeskRequestsACorrectionAcceptsAndTheDueDateSkipsTheHolidays() {
        String uri = submit(citizen, "key-00000004", body("120106199001011234")).getResponse().getHeader(HttpHeaders.LOCATION);
        assertThat(act(uri, citizen, "{\"action\": \"ACCEPT\"}")).as("applicants do not accept").hasStatus(403);
        MvcTestResult early = act(uri, officer, "{\"action\": \"ACCEPT\"}");
        assertThat(early).as("not in pre-review yet").hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("illegal-application-action");
        assertThat(early).bodyJson().extractingPath("$.currentStatus").isEqualTo("SUBMITTED");
        assertThat(act(uri, officer, "{\"action\": \"START_PRE_REVIEW\"}")).hasStatus(201);
        assertThat(act(uri, officer, "{\"action\": \"REQUEST_CORRECTION\", \"missing\": []}")).hasStatus(400);
        MvcTestResult correction = act(uri, officer,
                "{\"action\": \"REQUEST_CORRECTION\", \"missing\": [\"户口簿复印件\", \"委托书原件\"]}");
        assertThat(correction).hasStatus(201).bodyJson().extractingPath("$.correction.missing").asArray()
                .containsExactly("户口簿复印件", "委托书原件");
        assertThat(act(uri, citizen, "{\"action\": \"RESUBMIT\", \"materials\": [{\"name\": \"户口簿复印件\"}, {\"name\": \"委托书原件\"}]}"))
                .hasStatus(201).bodyJson().extractingPath("$.status").isEqualTo("PRE_REVIEW");

        MvcTestResult accepted = act(uri, officer, "{\"action\": \"ACCEPT\"}");
        assertThat(accepted).hasStatus(201).bodyJson().extractingPath("$.dueOn").isEqualTo("2025-10-10");
        assertThat(act(uri, officer, "{\"action\": \"START_HANDLING\"}")).hasStatus(201);
        assertThat(act(uri, officer, "{\"action\": \"COMPLETE\"}")).hasStatus(400);
        MvcTestResult done = act(uri, officer, "{\"action\": \"COMPLETE\", \"outcome\": \"APPROVED\", \"note\": \"准予备案\"}");
        assertThat(done).hasStatus(201).bodyJson().extractingPath("$.statusName").isEqualTo("已办结");
        assertThat(done).bodyJson().extractingPath("$.moves[*].by").asArray().contains("citizen-demo", "officer-demo");
        assertThat(act(uri, citizen, "{\"action\": \"WITHDRAW\"}")).as("completed").hasStatus(409);
    }

    @Test
    void eachAnswerOffersTheCallerOnlyTheActionsTheApplicationWouldAccept() {
        MvcTestResult submitted = submit(citizen, "key-00000005", body("120106199001011234"));
        String uri = submitted.getResponse().getHeader(HttpHeaders.LOCATION);
        assertThat(submitted).bodyJson().extractingPath("$.allowedActions").asArray().containsExactly("WITHDRAW");
        assertThat(mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, officer).exchange())
                .bodyJson().extractingPath("$.allowedActions").asArray().containsExactly("START_PRE_REVIEW");
        assertThat(act(uri, officer, "{\"action\": \"START_PRE_REVIEW\"}")).bodyJson().extractingPath("$.allowedActions").asArray()
                .containsExactlyInAnyOrder("REQUEST_CORRECTION", "ACCEPT", "REFUSE_TO_ACCEPT");
        assertThat(act(uri, officer, "{\"action\": \"REQUEST_CORRECTION\", \"missing\": [\"户口簿复印件\"]}"))
                .bodyJson().extractingPath("$.allowedActions").asArray().isEmpty();
        assertThat(mvc.get().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, citizen).exchange())
                .bodyJson().extractingPath("$.items[0].allowedActions").asArray().containsExactlyInAnyOrder("RESUBMIT", "WITHDRAW");
        assertThat(act(uri, citizen, "{\"action\": \"WITHDRAW\"}")).bodyJson().extractingPath("$.allowedActions").asArray().isEmpty();
    }

    @Test
    void theOverdueListShowsAcceptedApplicationsPastTheirDueDate() {
        String uri = submit(citizen, "key-00000005", body("120106199001011234")).getResponse().getHeader(HttpHeaders.LOCATION);
        act(uri, officer, "{\"action\": \"START_PRE_REVIEW\"}");
        act(uri, officer, "{\"action\": \"ACCEPT\"}");
        assertThat(mvc.get().uri("/api/v1/applications/overdue").header(HttpHeaders.AUTHORIZATION, officer).exchange())
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
        mongo.updateFirst(Query.query(Criteria.where("status").is(ApplicationStatus.ACCEPTED)),
                Update.update("dueOn", java.time.LocalDate.of(2025, 9, 20)), Application.class);
        MvcTestResult overdue = mvc.get().uri("/api/v1/applications/overdue").header(HttpHeaders.AUTHORIZATION, officer).exchange();
        assertThat(overdue).bodyJson().extractingPath("$.totalItems").isEqualTo(1);
        assertThat(overdue).bodyJson().extractingPath("$.items[0].overdue").isEqualTo(true);
        // what operators are alerted on: the same count, as the gauge applications_overdue
        overdueGauge.count();
        assertThat(meters.get("applications.overdue").gauge().value()).isEqualTo(1.0);
        mongo.updateFirst(Query.query(Criteria.where("status").is(ApplicationStatus.ACCEPTED)),
                Update.update("pausedSince", java.time.LocalDate.of(2025, 9, 21)), Application.class);
        overdueGauge.count();
        assertThat(meters.get("applications.overdue").gauge().value()).as("a paused clock is not overdue").isZero();
        assertThat(mvc.get().uri("/api/v1/applications/overdue").header(HttpHeaders.AUTHORIZATION, citizen).exchange()).hasStatus(403);
    }

    @Test
    void inEmbeddedModeAVersionedSaveFindsItsDocumentThroughAnIndex(
            @Autowired org.springframework.beans.factory.ObjectProvider<de.bwaldvogel.mongo.MongoServer> embedded) {
        org.junit.jupiter.api.Assumptions.assumeTrue(embedded.getIfAvailable() != null, "a real MongoDB serves it from _id");
        // the embedded server uses an index only for a query naming exactly its fields: _id and version
        assertThat(mongo.indexOps(Application.class).getIndexInfo())
                .anySatisfy(index -> {
                    assertThat(index.getName()).isEqualTo("embedded_id_version");
                    assertThat(index.isUnique()).isTrue();
                    assertThat(index.getIndexFields()).extracting(f -> f.getKey()).containsExactly("_id", "version");
                });
    }

    @Test
    void applicationsForItemsNotHandledInTheRegionOrWithBadApplicantsAreRefused() {
        // Hongqiao decides this item: a submission may name the handling region only as it is
        assertThat(submit(citizen, "key-00000006", body("120106199001011234").replace("\"intakeRegion\": \"120106\",",
                "\"intakeRegion\": \"120106\", \"handlingRegion\": \"130200\","))).hasStatus(400).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("handlingRegion");
        assertThat(submit(citizen, "key-00000016", body("120106199001011234").replace("\"intakeRegion\": \"120106\"",
                "\"intakeRegion\": \"110106\""))).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("intakeRegion");
        assertThat(submit(citizen, "key-00000007", body("12"))).hasStatus(400);
        assertThat(submit(citizen, "key-00000008", body("120106199001011234").replace("\"CITIZEN\"", "\"ENTERPRISE\"")))
                .hasStatus(400);
        assertThat(submit(officer, "key-00000009", body("120106199001011234"))).as("officers do not apply").hasStatus(403);
        assertThat(mongo.count(new Query(), Application.class)).isZero();
    }
}

package cn.hongqiao.samecity.publicservices.applications;

import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** 好差评 after completion: once per application; a poor rating opens a rectification with its due dates (the loop: {@link RectificationLoopTest}). */
@ServiceTest
@TestPropertySource(properties = "platform.clock.fixed=2025-09-26T10:00:00+08:00")
class EvaluationTest {

    static final String DEPARTMENT = "红桥区医疗保障局";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;

    String officer;
    String citizen;
    String itemId;
    int key;

    @BeforeEach
    void anItem() throws Exception {
        for (Class<?> type : new Class<?>[] { Application.class, ServiceItem.class, Evaluation.class, Rectification.class }) {
            mongo.remove(new Query(), type);
        }
        officer = tokens.officerOf(DEPARTMENT);
        citizen = tokens.bearer("citizen");
        MvcTestResult item = mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "KSTB-T-300", "name": "异地就医备案", "department": "%s", "itemType": "PUBLIC_SERVICE",
                         "handlingMode": "FULLY_ONLINE", "partnerRegions": ["110106"], "legalLimitDays": 5, "promisedLimitDays": 1}
                        """.formatted(DEPARTMENT)).exchange();
        itemId = json.readTree(item.getResponse().getContentAsString()).path("id").asString();
    }

    private String completedApplication() {
        String uri = mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, citizen)
                .header("Idempotency-Key", "eval-key-" + (key++)).contentType(MediaType.APPLICATION_JSON).content("""
                        {"itemId": "%s", "intakeRegion": "120106",
                         "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "120106199001011234"}}
                        """.formatted(itemId)).exchange().getResponse().getHeader(HttpHeaders.LOCATION);
        for (String action : new String[] { "{\"action\": \"START_PRE_REVIEW\"}", "{\"action\": \"ACCEPT\"}", "{\"action\": \"START_HANDLING\"}",
                "{\"action\": \"COMPLETE\", \"outcome\": \"APPROVED\"}" }) {
            assertThat(mvc.post().uri(uri + "/actions").header(HttpHeaders.AUTHORIZATION, officer).contentType(MediaType.APPLICATION_JSON)
                    .content(action).exchange()).hasStatus(201);
        }
        return uri;
    }

    private MvcTestResult rate(String uri, String token, String level) {
        return mvc.post().uri(uri + "/evaluation").header(HttpHeaders.AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"level\": \"" + level + "\", \"dimensions\": {\"ATTITUDE\": \"" + level + "\"}, \"comment\": \"办理太慢\"}").exchange();
    }

    @Test
    void aPoorRatingOpensARectificationThatTheDepartmentCloses() throws Exception {
        String uri = completedApplication();
        MvcTestResult rated = rate(uri, citizen, "DISSATISFIED");
        assertThat(rated).hasStatus(201).bodyJson().extractingPath("$.poor").isEqualTo(true);
        // five working days after Friday 26 September 2025: Sun 28 (make-up), Mon 29, Tue 30, Thu 9 Oct, Fri 10 Oct
        assertThat(rated).bodyJson().extractingPath("$.rectificationDeadline").isEqualTo("2025-10-10");
        assertThat(rate(uri, citizen, "SATISFIED")).as("once").hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("already-rated");

        MvcTestResult open = mvc.get().uri("/api/v1/rectifications?status=OPEN").header(HttpHeaders.AUTHORIZATION, officer).exchange();
        assertThat(open).bodyJson().extractingPath("$.totalItems").isEqualTo(1);
        assertThat(mvc.get().uri("/api/v1/rectifications").header(HttpHeaders.AUTHORIZATION, tokens.officerOf("红桥区民政局")).exchange())
                .as("another department").bodyJson().extractingPath("$.totalItems").isEqualTo(0);
        String id = json.readTree(open.getResponse().getContentAsString()).path("items").get(0).path("id").asString();
        assertThat(mvc.post().uri("/api/v1/rectifications/" + id + "/follow-up").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\": \"已电话回访\"}").exchange())
                .hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("FOLLOWED_UP");
        assertThat(mvc.post().uri("/api/v1/rectifications/" + id + "/closure").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"resolution\": \"已回访并优化线上流程\"}").exchange())
                .hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("CLOSED");
    }

    @Test
    void aGoodRatingOpensNothingAndStatisticsCountBoth() {
        assertThat(rate(completedApplication(), citizen, "VERY_SATISFIED")).hasStatus(201).bodyJson()
                .extractingPath("$.rectificationId").isNull();
        rate(completedApplication(), citizen, "VERY_DISSATISFIED");
        assertThat(mongo.count(new Query(), Rectification.class)).isEqualTo(1);
        MvcTestResult stats = mvc.get().uri("/api/v1/evaluations/statistics?by=department").exchange();
        assertThat(stats).hasStatusOk().bodyJson().extractingPath("$.items[0].group").isEqualTo(DEPARTMENT);
        assertThat(stats).bodyJson().extractingPath("$.items[0].total").isEqualTo(2);
        assertThat(stats).bodyJson().extractingPath("$.items[0].poor").isEqualTo(1);
        assertThat(stats).bodyJson().extractingPath("$.items[0].goodRate").isEqualTo(0.5);
        assertThat(mvc.get().uri("/api/v1/evaluations/statistics?by=item").exchange()).bodyJson()
                .extractingPath("$.items[0].group").isEqualTo("KSTB-T-300");
    }

    @Test
    void onlyTheApplicantRatesAndOnlyAfterCompletion() {
        String uri = mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, citizen)
                .header("Idempotency-Key", "eval-key-x").contentType(MediaType.APPLICATION_JSON).content("""
                        {"itemId": "%s", "intakeRegion": "120106",
                         "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "120106199001011234"}}
                        """.formatted(itemId)).exchange().getResponse().getHeader(HttpHeaders.LOCATION);
        assertThat(rate(uri, citizen, "SATISFIED")).hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("application-not-completed");
        String done = completedApplication();
        assertThat(rate(done, tokens.bearer("citizen", "citizen-2"), "SATISFIED")).hasStatus(404);
        assertThat(rate(done, officer, "SATISFIED")).hasStatus(403);
        assertThat(rate(done, citizen, "GREAT")).hasStatus(400);
    }
}

package cn.hongqiao.samecity.publicservices.applications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 好差评 closing its loop (国办发〔2019〕51号), from a 差评 on Friday 26 September 2025, before the National
 * Day holidays: 回访 due the next working day (Sunday 28, a make-up working day), the report five working
 * days on (Friday 10 October), a department with its own limits; steps out of turn refused; the
 * rater's score; an appeal upheld by an admin taking the rating out of the statistics; the
 * timeliness of each department in public statistics.
 */
@ServiceTest
@Import(RectificationLoopTest.MovableClock.class)
@TestPropertySource(properties = "services.rectification.departments[红桥区民政局].report-working-days=2")
class RectificationLoopTest {

    static final String DEPARTMENT = "红桥区医疗保障局";

    /** A clock the test moves on, in the district's zone. */
    @TestConfiguration
    static class MovableClock {
        static Instant now = Instant.parse("2025-09-26T02:00:00Z");

        @Bean
        Clock movableClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneId.of("Asia/Shanghai");
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;

    int key;

    @BeforeEach
    void empty() {
        MovableClock.now = Instant.parse("2025-09-26T02:00:00Z"); // Friday 26 September, 10:00 in Tianjin
        for (Class<?> type : new Class<?>[] { Application.class, ServiceItem.class, Evaluation.class, Rectification.class }) {
            mongo.remove(new Query(), type);
        }
    }

    private void daysLater(int days) {
        MovableClock.now = MovableClock.now.plus(Duration.ofDays(days));
    }

    /** A 差评 of a completed application of {@code department}; returns the rectification. */
    private JsonNode poorRating(String department, String citizen) throws Exception {
        String officer = tokens.officerOf(department);
        MvcTestResult item = mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "KSTB-T-4%02d", "name": "异地就医备案", "department": "%s", "itemType": "PUBLIC_SERVICE",
                         "handlingMode": "FULLY_ONLINE", "partnerRegions": ["110106"], "legalLimitDays": 5, "promisedLimitDays": 1}
                        """.formatted(key, department)).exchange();
        String itemId = json.readTree(item.getResponse().getContentAsString()).path("id").asString();
        String uri = mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen", citizen))
                .header("Idempotency-Key", "loop-key-" + (key++)).contentType(MediaType.APPLICATION_JSON).content("""
                        {"itemId": "%s", "intakeRegion": "120106",
                         "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "120106199001011234"}}
                        """.formatted(itemId)).exchange().getResponse().getHeader(HttpHeaders.LOCATION);
        for (String action : new String[] { "{\"action\": \"START_PRE_REVIEW\"}", "{\"action\": \"ACCEPT\"}", "{\"action\": \"START_HANDLING\"}",
                "{\"action\": \"COMPLETE\", \"outcome\": \"APPROVED\"}" }) {
            assertThat(mvc.post().uri(uri + "/actions").header(HttpHeaders.AUTHORIZATION, officer).contentType(MediaType.APPLICATION_JSON)
                    .content(action).exchange()).hasStatus(201);
        }
        MvcTestResult rated = mvc.post().uri(uri + "/evaluation").header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen", citizen))
                .contentType(MediaType.APPLICATION_JSON).content("{\"level\": \"VERY_DISSATISFIED\", \"comment\": \"补正要求没有一次说清\"}").exchange();
        assertThat(rated).hasStatus(201);
        String id = json.readTree(rated.getResponse().getContentAsString()).path("rectificationId").asString();
        return rectification(tokens.officerOf(department), id);
    }

    private JsonNode rectification(String token, String id) throws Exception {
        MvcTestResult page = mvc.get().uri("/api/v1/rectifications?size=100").header(HttpHeaders.AUTHORIZATION, token).exchange();
        for (JsonNode r : json.readTree(page.getResponse().getContentAsString()).path("items")) {
            if (r.path("id").asString().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("rectification " + id + " not visible");
    }

    private MvcTestResult step(String id, String step, String token, String body) {
        return mvc.post().uri("/api/v1/rectifications/{id}/" + step, id).header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void aPoorRatingRunsThroughFollowUpRectificationAndTheRatersScoreOnTheWorkingDayCalendar() throws Exception {
        JsonNode r = poorRating(DEPARTMENT, "citizen-a");
        String id = r.path("id").asString();
        String officer = tokens.officerOf(DEPARTMENT);
        String rater = tokens.bearer("citizen", "citizen-a");
        assertThat(r.path("status").asString()).isEqualTo("OPEN");
        assertThat(r.path("followUpDueOn").asString()).as("the next working day: Sunday 28, a make-up day").isEqualTo("2025-09-28");
        assertThat(r.path("deadline").asString()).as("five working days, the holidays skipped").isEqualTo("2025-10-10");

        // out of turn: a report before the 回访, a score before the report
        assertThat(step(id, "closure", officer, "{\"resolution\": \"已优化\"}")).hasStatus(409).bodyJson().satisfies(p -> {
            p.assertThat().extractingPath("$.code").isEqualTo("illegal-rectification-step");
            p.assertThat().extractingPath("$.currentStatus").isEqualTo("OPEN");
        });
        assertThat(step(id, "score", rater, "{\"score\": \"SATISFIED\"}")).hasStatus(409);
        assertThat(step(id, "follow-up", officer, "{\"note\": \" \"}")).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("note");

        // 回访 on Monday 29: a day late
        daysLater(3);
        assertThat(rectification(officer, id).path("followUpOverdue").asBoolean()).isTrue();
        assertThat(step(id, "follow-up", officer, "{\"note\": \"电话联系申请人，说明补正要求\"}")).hasStatusOk().bodyJson().satisfies(v -> {
            v.assertThat().extractingPath("$.status").isEqualTo("FOLLOWED_UP");
            v.assertThat().extractingPath("$.followUp.onTime").isEqualTo(false);
            v.assertThat().extractingPath("$.followUpOverdue").isEqualTo(false);
        });
        // the report on Thursday 9 October (after the holidays): on time
        daysLater(10);
        assertThat(step(id, "closure", officer, "{\"resolution\": \"一次性告知补正材料清单\"}")).hasStatusOk().bodyJson().satisfies(v -> {
            v.assertThat().extractingPath("$.status").isEqualTo("CLOSED");
            v.assertThat().extractingPath("$.reportedOnTime").isEqualTo(true);
        });

        // the rater sees it and scores it, once; nobody else scores it
        assertThat(rectification(rater, id).path("resolution").asString()).isEqualTo("一次性告知补正材料清单");
        assertThat(step(id, "score", tokens.bearer("citizen", "citizen-b"), "{\"score\": \"DISSATISFIED\"}")).as("another citizen").hasStatus(404);
        assertThat(step(id, "score", rater, "{\"score\": \"GREAT\"}")).hasStatus(400);
        assertThat(step(id, "score", rater, "{\"score\": \"BASICALLY_SATISFIED\"}")).hasStatusOk().bodyJson()
                .extractingPath("$.raterScore.score").isEqualTo("BASICALLY_SATISFIED");
        assertThat(step(id, "score", rater, "{\"score\": \"SATISFIED\"}")).as("once").hasStatus(409);

        assertThat(mvc.get().uri("/api/v1/rectifications/statistics")).hasStatusOk().bodyJson().satisfies(s -> {
            s.assertThat().extractingPath("$.items[0].department").isEqualTo(DEPARTMENT);
            s.assertThat().extractingPath("$.items[0].followUpLate").isEqualTo(1);
            s.assertThat().extractingPath("$.items[0].followUpTimeliness").isEqualTo(0.0);
            s.assertThat().extractingPath("$.items[0].reportOnTime").isEqualTo(1);
            s.assertThat().extractingPath("$.items[0].reportTimeliness").isEqualTo(1.0);
            s.assertThat().extractingPath("$.items[0].scores.BASICALLY_SATISFIED").isEqualTo(1);
        });
    }

    @Test
    void aDepartmentWithItsOwnLimitsAndOverdueStepsInTheStatistics() throws Exception {
        JsonNode r = poorRating("红桥区民政局", "citizen-c");
        assertThat(r.path("deadline").asString()).as("two working days: Sunday 28, Monday 29").isEqualTo("2025-09-29");
        daysLater(4); // Tuesday 30: both steps late, neither done
        JsonNode late = rectification(tokens.officerOf("红桥区民政局"), r.path("id").asString());
        assertThat(late.path("followUpOverdue").asBoolean()).isTrue();
        assertThat(late.path("reportOverdue").asBoolean()).isTrue();
        assertThat(mvc.get().uri("/api/v1/rectifications/statistics")).bodyJson().satisfies(s -> {
            s.assertThat().extractingPath("$.items[0].followUpOverdue").isEqualTo(1);
            s.assertThat().extractingPath("$.items[0].reportOverdue").isEqualTo(1);
            s.assertThat().extractingPath("$.items[0].reportTimeliness").isEqualTo(0.0);
        });
    }

    @Test
    void aDepartmentAppealsARatingAndAnAdminDecidesTheOutcomeKeptAndAnUpheldRatingLeavesTheStatistics() throws Exception {
        String officer = tokens.officerOf(DEPARTMENT);
        String admin = tokens.bearer("admin");
        String upheld = poorRating(DEPARTMENT, "citizen-d").path("id").asString();
        String dismissed = poorRating(DEPARTMENT, "citizen-e").path("id").asString();

        assertThat(step(upheld, "appeal-decision", admin, "{\"decision\": \"UPHELD\"}")).as("nothing to decide yet").hasStatus(409);
        assertThat(step(upheld, "appeal", officer, "{\"reason\": \"申请人评价的是另一部门的事项\"}")).hasStatusOk().bodyJson()
                .extractingPath("$.appeal.decision").isNull();
        assertThat(step(upheld, "appeal", officer, "{\"reason\": \"再次申诉\"}")).as("once").hasStatus(409);
        assertThat(step(upheld, "appeal-decision", officer, "{\"decision\": \"UPHELD\"}")).as("not the department's to decide").hasStatus(403);
        assertThat(step(upheld, "appeal-decision", admin, "{\"decision\": \"UPHELD\", \"note\": \"经核实，评价对象有误\"}")).hasStatusOk().bodyJson()
                .satisfies(v -> {
                    v.assertThat().extractingPath("$.status").isEqualTo("VOIDED");
                    v.assertThat().extractingPath("$.appeal.decision").isEqualTo("UPHELD");
                    v.assertThat().extractingPath("$.appeal.decidedBy").isEqualTo("admin-demo");
                    v.assertThat().extractingPath("$.appeal.reason").isEqualTo("申请人评价的是另一部门的事项");
                });
        assertThat(step(upheld, "follow-up", officer, "{\"note\": \"x\"}")).as("voided: nothing more to do").hasStatus(409);

        step(dismissed, "appeal", officer, "{\"reason\": \"评价有误\"}");
        assertThat(step(dismissed, "appeal-decision", admin, "{\"decision\": \"DISMISSED\"}")).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("OPEN");

        assertThat(mvc.get().uri("/api/v1/evaluations/statistics?by=department")).bodyJson().satisfies(s -> {
            s.assertThat().extractingPath("$.items[0].total").as("the upheld one is out").isEqualTo(1);
            s.assertThat().extractingPath("$.items[0].poor").isEqualTo(1);
        });
        assertThat(mvc.get().uri("/api/v1/rectifications/statistics")).bodyJson().satisfies(s -> {
            s.assertThat().extractingPath("$.items[0].total").isEqualTo(1);
            s.assertThat().extractingPath("$.items[0].appealsUpheld").isEqualTo(1);
            s.assertThat().extractingPath("$.items[0].appealsDismissed").isEqualTo(1);
        });
        assertThat(mongo.count(new Query(), Evaluation.class)).as("the voided rating is kept").isEqualTo(2);
    }
}

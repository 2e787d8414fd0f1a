package cn.hongqiao.samecity.enterprise.leads;

import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** An officer works leads through the API; the pipeline is not public. */
@ServiceTest
@TestPropertySource(properties = { "platform.clock.fixed=2025-07-15T10:00:00+08:00", "enterprise.leads.stale-after-days=30" })
class LeadApiTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;

    String officer;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), Lead.class);
        officer = tokens.bearer("officer");
    }

    private MvcTestResult post(String uri, String json) {
        return mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, officer).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private String open(String channel) throws Exception {
        MvcTestResult opened = post("/api/v1/leads", """
                {"title": "工业软件区域总部", "company": "某工业软件公司", "channel": "%s", "targetChain": "工业软件",
                 "intendedInvestment": 5000.00, "spaceNeeded": 2000}
                """.formatted(channel));
        assertThat(opened).hasStatus(201);
        return opened.getResponse().getHeader(HttpHeaders.LOCATION);
    }

    @Test
    void anOfficerMovesALeadAndTheFunnelChanges() throws Exception {
        String lead = open("INDUSTRY_CHAIN");
        open("SCENARIO_OPENING");
        assertThat(post(lead + "/stage-transitions", "{\"targetStage\": \"SIGNED\"}")).hasStatus(409)
                .bodyJson().extractingPath("$.allowed").asArray().containsExactly("NEGOTIATING", "TERMINATED");
        assertThat(post(lead + "/stage-transitions", "{\"targetStage\": \"NEGOTIATING\", \"note\": \"首次洽谈\"}")).hasStatus(201)
                .bodyJson().extractingPath("$.stageName").isEqualTo("在谈");
        assertThat(post(lead + "/stage-transitions", "{\"targetStage\": \"TERMINATED\"}")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("reason");
        assertThat(post(lead + "/stage-transitions", "{\"targetStage\": \"SIGNED\"}")).hasStatus(201);
        assertThat(post(lead + "/stage-transitions", "{\"targetStage\": \"LANDED\", \"enterpriseId\": \"0123456789abcdef01234567\"}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("enterpriseId");

        MvcTestResult funnel = mvc.get().uri("/api/v1/leads/funnel").header(HttpHeaders.AUTHORIZATION, officer).exchange();
        assertThat(funnel).hasStatusOk().bodyJson().extractingPath("$.leads").isEqualTo(2);
        assertThat(funnel).bodyJson().extractingPath("$.atStage.SIGNED").isEqualTo(1);
        assertThat(funnel).bodyJson().extractingPath("$.conversion['LEAD->NEGOTIATING']").isEqualTo(0.5);
        assertThat(mvc.get().uri("/api/v1/leads/funnel?channel=SCENARIO_OPENING").header(HttpHeaders.AUTHORIZATION, officer).exchange())
                .bodyJson().extractingPath("$.atStage.LEAD").isEqualTo(1);
        assertThat(mvc.get().uri("/api/v1/leads/funnel?from=2025-08-01&to=2025-07-01").header(HttpHeaders.AUTHORIZATION, officer).exchange())
                .hasStatus(400);
    }

    @Test
    void followUpsAreRecordedAndLeadsWithoutThemAreFlagged() throws Exception {
        String fresh = open("EXISTING_ASSETS");
        String old = open("EXISTING_ASSETS");
        mongo.updateFirst(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                .is(new org.bson.types.ObjectId(old.substring(old.lastIndexOf('/') + 1)))),
                org.springframework.data.mongodb.core.query.Update.update("lastActivityOn", java.time.LocalDate.of(2025, 5, 1))
                        .set("openedOn", java.time.LocalDate.of(2025, 5, 1)), Lead.class);

        MvcTestResult stale = mvc.get().uri("/api/v1/leads?stale=true").header(HttpHeaders.AUTHORIZATION, officer).exchange();
        assertThat(stale).bodyJson().extractingPath("$.totalItems").isEqualTo(1);
        assertThat(stale).bodyJson().extractingPath("$.items[0].stale").isEqualTo(true);

        assertThat(post(old + "/follow-ups", "{\"date\": \"2025-07-10\", \"mode\": \"VISIT\", \"summary\": \"上门拜访\", \"nextStep\": \"报送方案\"}"))
                .hasStatus(201).bodyJson().extractingPath("$.followUps[0].summary").isEqualTo("上门拜访");
        assertThat(mvc.get().uri("/api/v1/leads?stale=true").header(HttpHeaders.AUTHORIZATION, officer).exchange())
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
        assertThat(post(fresh + "/follow-ups", "{\"date\": \"2025-08-01\", \"mode\": \"CALL\", \"summary\": \"x\"}")).hasStatus(400);
        assertThat(post(fresh + "/follow-ups", "{\"date\": \"2025-07-01\", \"mode\": \"FAX\", \"summary\": \"x\"}")).hasStatus(400);
    }

    @Test
    void thePipelineIsForOfficersOnly() {
        assertThat(mvc.get().uri("/api/v1/leads").exchange()).hasStatus(401);
        assertThat(mvc.get().uri("/api/v1/leads").header(HttpHeaders.AUTHORIZATION, tokens.bearer("enterprise")).exchange()).hasStatus(403);
        assertThat(mvc.get().uri("/api/v1/leads/funnel").header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen")).exchange()).hasStatus(403);
    }

    @Test
    void badLeadsAreRefusedAndNothingIsStored() {
        assertThat(post("/api/v1/leads", "{\"title\": \"\", \"company\": \"x\", \"channel\": \"COLD_CALL\", \"intendedInvestment\": -5}"))
                .hasStatus(400);
        assertThat(post("/api/v1/leads", "{\"title\": \"t\", \"company\": \"x\", \"channel\": \"INDUSTRY_CHAIN\", \"intendedInvestment\": -5}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("intendedInvestment");
        assertThat(mongo.count(new Query(), Lead.class)).isZero();
    }
}

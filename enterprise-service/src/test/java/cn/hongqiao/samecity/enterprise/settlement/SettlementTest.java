package cn.hongqiao.samecity.enterprise.settlement;

import cn.hongqiao.samecity.enterprise.registry.Enterprise;
import cn.hongqiao.samecity.testsupport.PeerService;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settling an enterprise into a unit held by projects-service (WireMock here): confirmed,
 * refused, or, when projects-service cannot answer, a visible PENDING state that repeating the
 * request completes. No failure leaves a settlement that shows a unit it does not hold.
 */
@ServiceTest
class SettlementTest {

    static final PeerService projectsService = new PeerService("projects-service");
    static final String UNIT = "6b08a6100000000000000001";
    static final String OCCUPY = "/api/v1/units/" + UNIT + "/occupancy";
    static final String RELEASE = "/api/v1/units/" + UNIT + "/release";


    @AfterAll
    static void stop() {
        projectsService.stop();
    }

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        projectsService.register(registry);
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    JsonMapper json;

    String officer;
    String enterpriseId;

    @BeforeEach
    void anEnterprise() throws Exception {
        projectsService.resetAll();
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        mongo.remove(new Query(), Enterprise.class);
        officer = tokens.bearer("officer");
        MvcTestResult created = mvc.post().uri("/api/v1/enterprises").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"creditCode\": \"91350100M000100Y43\", \"name\": \"示例软件企业\", \"kind\": \"PRIVATE\"}").exchange();
        enterpriseId = json.readTree(created.getResponse().getContentAsString()).path("id").asString();
    }

    private void occupyAnswers(ResponseDefinitionBuilder response) {
        projectsService.stubFor(post(urlEqualTo(OCCUPY)).willReturn(response));
    }

    private static ResponseDefinitionBuilder held(String enterprise) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"id": "%s", "projectId": "p1", "buildingId": "b1", "code": "1F-01", "status": "OCCUPIED",
                 "statusName": "已入驻", "holder": {"enterpriseId": "%s", "since": "2025-07-01T00:00:00Z"}, "version": 1}
                """.formatted(UNIT, enterprise));
    }

    private MvcTestResult settle() {
        return mvc.post().uri("/api/v1/enterprises/" + enterpriseId + "/settlement").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"unitId\": \"" + UNIT + "\"}").exchange();
    }

    private Enterprise stored() {
        return mongo.findById(enterpriseId, Enterprise.class);
    }

    @Test
    void aConfirmedUnitShowsItsProjectBuildingAndUnitAndCarriesTheOfficersToken() {
        occupyAnswers(held(enterpriseId));
        MvcTestResult settled = settle();
        assertThat(settled).hasStatusOk().bodyJson().extractingPath("$.settlement.status").isEqualTo("CONFIRMED");
        assertThat(settled).bodyJson().extractingPath("$.settlement.projectId").isEqualTo("p1");
        assertThat(settled).bodyJson().extractingPath("$.settlement.buildingId").isEqualTo("b1");
        projectsService.verify(postRequestedFor(urlEqualTo(OCCUPY)).withHeader(HttpHeaders.AUTHORIZATION, matching(officer))
                .withRequestBody(equalToJson("{\"enterpriseId\": \"" + enterpriseId + "\"}")));
        assertThat(settle()).as("repeating the request").hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/enterprises?settledProject=000000000000000000000000").exchange()).bodyJson()
                .extractingPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void aUnitHeldByAnotherEnterpriseIs409AndNothingIsRecorded() {
        occupyAnswers(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"code\": \"unit-held-by-another\", \"status\": 409}"));
        MvcTestResult refused = settle();
        assertThat(refused).hasStatus(409).bodyJson().extractingPath("$.unitId").isEqualTo(UNIT);
        assertThat(refused).bodyJson().extractingPath("$.code").isEqualTo("unit-held-by-another");
        assertThat(refused).bodyJson().extractingPath("$.title").isEqualTo("载体不可用");
        assertThat(stored().settlement()).isNull();
    }

    @Test
    void aServerErrorLeavesAVisiblePendingSettlementThatARepeatCompletes() {
        occupyAnswers(aResponse().withStatus(500));
        MvcTestResult failed = settle();
        assertThat(failed).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(failed).bodyJson().extractingPath("$.service").isEqualTo("projects-service");
        assertThat(failed).bodyJson().extractingPath("$.reason").isEqualTo("failed-response");
        assertThat(failed).bodyJson().extractingPath("$.code").isEqualTo("service-unavailable");
        assertThat(failed).bodyJson().extractingPath("$.detail").asString().contains("待确认（PENDING）");
        assertThat(stored().settlement().status().name()).isEqualTo("PENDING");
        assertThat(stored().settlement().projectId()).as("no unit shown that is not confirmed").isNull();

        occupyAnswers(held(enterpriseId));
        assertThat(settle()).hasStatusOk().bodyJson().extractingPath("$.settlement.status").isEqualTo("CONFIRMED");
    }

    @Test
    void aSlowProjectsServiceIsATimeoutAndPending() {
        occupyAnswers(held(enterpriseId).withFixedDelay(3000));
        MvcTestResult failed = settle();
        assertThat(failed).hasStatus(503).bodyJson().extractingPath("$.reason").isEqualTo("timeout");
        assertThat(stored().settlement().status().name()).isEqualTo("PENDING");
    }

    @Test
    void aMalformedAnswerIsNeverTakenAsConfirmation() {
        occupyAnswers(aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\": "));
        assertThat(settle()).hasStatus(503).bodyJson().extractingPath("$.reason").isEqualTo("malformed-response");
        occupyAnswers(aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\": \"x\", \"status\": \"OCCUPIED\"}"));
        assertThat(settle()).hasStatus(503).bodyJson().extractingPath("$.reason").isEqualTo("malformed-response");
        assertThat(stored().settlement().status().name()).isEqualTo("PENDING");
        assertThat(stored().settlement().projectId()).isNull();
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndProjectsServiceIsSpared() {
        occupyAnswers(aResponse().withStatus(503));
        for (int i = 0; i < 10; i++) {
            settle();
        }
        int calls = projectsService.getAllServeEvents().size();
        assertThat(settle()).hasStatus(503).bodyJson().extractingPath("$.reason").isEqualTo("circuit-open");
        assertThat(projectsService.getAllServeEvents()).hasSize(calls);
    }

    @Test
    void aPendingSettlementBlocksAnotherUnitUntilCompletedOrMovedOut() {
        occupyAnswers(aResponse().withStatus(500));
        settle();
        MvcTestResult other = mvc.post().uri("/api/v1/enterprises/" + enterpriseId + "/settlement").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"unitId\": \"6b08a6100000000000000002\"}").exchange();
        assertThat(other).hasStatus(409);
        projectsService.stubFor(post(urlEqualTo(RELEASE)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + UNIT + "\", \"status\": \"VACANT\"}")));
        assertThat(mvc.delete().uri("/api/v1/enterprises/" + enterpriseId + "/settlement").header(HttpHeaders.AUTHORIZATION, officer)
                .exchange()).hasStatusOk();
        assertThat(stored().settlement()).isNull();
    }

    @Test
    void movingOutReleasesTheUnitAndFailsCleanlyWhenProjectsServiceIsDown() {
        occupyAnswers(held(enterpriseId));
        settle();
        projectsService.stubFor(post(urlEqualTo(RELEASE)).willReturn(aResponse().withStatus(502)));
        assertThat(mvc.delete().uri("/api/v1/enterprises/" + enterpriseId + "/settlement").header(HttpHeaders.AUTHORIZATION, officer)
                .exchange()).hasStatus(503);
        assertThat(stored().settlement().status().name()).as("still settled").isEqualTo("CONFIRMED");

        projectsService.stubFor(post(urlEqualTo(RELEASE)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"" + UNIT + "\", \"status\": \"VACANT\"}")));
        assertThat(mvc.delete().uri("/api/v1/enterprises/" + enterpriseId + "/settlement").header(HttpHeaders.AUTHORIZATION, officer)
                .exchange()).hasStatusOk().bodyJson().extractingPath("$.settlement").isNull();
    }

    @Test
    void badInputAndMissingEnterprisesAreRefused() {
        assertThat(mvc.post().uri("/api/v1/enterprises/" + enterpriseId + "/settlement").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"unitId\": \"../x\"}").exchange())
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("unitId");
        assertThat(mvc.post().uri("/api/v1/enterprises/0123456789abcdef01234567/settlement").header(HttpHeaders.AUTHORIZATION, officer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"unitId\": \"" + UNIT + "\"}").exchange()).hasStatus(404);
        assertThat(projectsService.getAllServeEvents()).isEmpty();
    }
}

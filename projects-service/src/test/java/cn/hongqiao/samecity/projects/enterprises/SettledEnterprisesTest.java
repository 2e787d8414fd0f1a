package cn.hongqiao.samecity.projects.enterprises;

import java.time.Duration;

import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.testsupport.PeerService;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's detail shows the enterprises settled in it, read from enterprise-service (WireMock
 * here) through OpenFeign and Resilience4j. When that fails in any way, the detail still answers,
 * with the section marked unavailable and the reason: never a false zero.
 */
@ServiceTest
class SettledEnterprisesTest {

    static final PeerService enterpriseService = new PeerService("enterprise-service");


    @AfterAll
    static void stop() {
        enterpriseService.stop();
    }

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        enterpriseService.register(registry);
    }

    static final String TWO_SETTLED = """
            {"items": [
              {"id": "e1", "creditCode": "91350100M000100Y43", "name": "中国煤科北京华宇工程天津分公司", "kind": "CENTRAL_SOE_BRANCH",
               "kindName": "央企分支机构", "headcount": 120, "industryChains": ["工程设计"]},
              {"id": "e2", "creditCode": "911100001000128855", "name": "示例软件企业", "kind": "PRIVATE", "kindName": "民营企业"}],
             "page": 0, "size": 100, "totalItems": 2, "totalPages": 1}
            """;

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JsonMapper json;

    String projectUri;
    String projectId;

    @BeforeEach
    void aProject() throws Exception {
        enterpriseService.resetAll();
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        mongo.remove(new Query(), Project.class);
        MvcTestResult created = mvc.post().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\": \"HQ-S-001\", \"name\": \"京津冀工业软件产业基地\", \"zone\": \"CORE_BUSINESS\", \"category\": \"INDUSTRIAL_PARK\"}")
                .exchange();
        projectUri = created.getResponse().getHeader(HttpHeaders.LOCATION);
        projectId = json.readTree(created.getResponse().getContentAsString()).path("id").asString();
    }

    private void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        enterpriseService.stubFor(get(urlPathEqualTo("/api/v1/enterprises")).willReturn(response));
    }

    private MvcTestResult detail() {
        return mvc.get().uri(projectUri).exchange();
    }

    @Test
    void theDetailListsTheEnterprisesSettledInTheProject() {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody(TWO_SETTLED));
        MvcTestResult detail = detail();
        assertThat(detail).hasStatusOk().bodyJson().extractingPath("$.settledEnterprises.available").isEqualTo(true);
        assertThat(detail).bodyJson().extractingPath("$.settledEnterprises.total").isEqualTo(2);
        assertThat(detail).bodyJson().extractingPath("$.settledEnterprises.items[0].name").isEqualTo("中国煤科北京华宇工程天津分公司");
        assertThat(detail).bodyJson().extractingPath("$.name").isEqualTo("京津冀工业软件产业基地");
        enterpriseService.verify(getRequestedFor(urlPathEqualTo("/api/v1/enterprises"))
                .withQueryParam("settledProject", matching(projectId))
                .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")));
    }

    @Test
    void aRealEmptyListIsAvailableAndZero() {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\": [], \"totalItems\": 0}"));
        MvcTestResult detail = detail();
        assertThat(detail).bodyJson().extractingPath("$.settledEnterprises.available").isEqualTo(true);
        assertThat(detail).bodyJson().extractingPath("$.settledEnterprises.total").isEqualTo(0);
    }

    @Test
    void aServerErrorIsShownAsUnavailableNotAsNone() {
        answer(aResponse().withStatus(500).withBody("{\"title\": \"Internal error\"}"));
        assertUnavailable(detail(), "failed-response");
    }

    @Test
    void aSlowServiceIsCutOffAndShownAsUnavailable() {
        answer(aResponse().withFixedDelay(3000).withHeader("Content-Type", "application/json").withBody(TWO_SETTLED));
        long started = System.nanoTime();
        assertUnavailable(detail(), "timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aMalformedAnswerIsShownAsUnavailable() {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\": [ {\"name\": "));
        assertUnavailable(detail(), "malformed-response");
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\": \"none\"}"));
        assertUnavailable(detail(), "malformed-response");
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndEnterpriseServiceIsNotCalled() {
        answer(aResponse().withStatus(503));
        for (int i = 0; i < 10; i++) {
            detail();
        }
        int callsBefore = enterpriseService.getAllServeEvents().size();
        assertUnavailable(detail(), "circuit-open");
        assertThat(enterpriseService.getAllServeEvents()).hasSize(callsBefore);
        assertThat(meters.counter("peer.fallbacks", "peer", "enterprise-service", "reason", "circuit-open").count()).isPositive();
    }

    @Test
    void aFallbackNeverMasqueradesAsRealData() {
        answer(aResponse().withStatus(500));
        MvcTestResult failed = detail();
        // what a lax fallback would have answered: available with zero enterprises
        assertThat(failed).bodyJson().extractingPath("$.settledEnterprises.available").isNotEqualTo(true);
        assertThat(failed).bodyJson().extractingPath("$.settledEnterprises.unavailableReason").isNotNull();
    }

    private static void assertUnavailable(MvcTestResult detail, String reason) {
        assertThat(detail).as("the detail still answers").hasStatusOk();
        assertThat(detail).bodyJson().extractingPath("$.settledEnterprises.available").isEqualTo(false);
        assertThat(detail).bodyJson().extractingPath("$.settledEnterprises.unavailableReason").isEqualTo(reason);
        assertThat(detail).bodyJson().extractingPath("$.settledEnterprises.items").asArray().isEmpty();
        assertThat(detail).bodyJson().extractingPath("$.code").isEqualTo("HQ-S-001");
    }
}

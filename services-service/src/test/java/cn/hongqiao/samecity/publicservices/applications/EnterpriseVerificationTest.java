package cn.hongqiao.samecity.publicservices.applications;

import cn.hongqiao.samecity.publicservices.items.ServiceItem;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An enterprise applicant is verified with enterprise-service (WireMock). When that cannot answer,
 * the application is still taken, verification PENDING, and a later run verifies it.
 */
@ServiceTest
class EnterpriseVerificationTest {

    static final PeerService enterpriseService = new PeerService("enterprise-service");
    static final String CODE = "91350100M000100Y43";


    @AfterAll
    static void stop() {
        enterpriseService.stop();
    }

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        enterpriseService.register(registry);
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

    String itemId;
    int key;

    @BeforeEach
    void anItem() throws Exception {
        enterpriseService.resetAll();
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        mongo.remove(new Query(), Application.class);
        mongo.remove(new Query(), ServiceItem.class);
        MvcTestResult item = mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "KSTB-T-200", "name": "企业设立登记", "department": "红桥区市场监督管理局", "itemType": "ADMINISTRATIVE_LICENSE",
                         "handlingMode": "PROXY_HANDLING", "partnerRegions": ["110115"], "legalLimitDays": 15, "promisedLimitDays": 3}
                        """).exchange();
        itemId = json.readTree(item.getResponse().getContentAsString()).path("id").asString();
    }

    private void registry(ResponseDefinitionBuilder response) {
        enterpriseService.stubFor(get(urlPathEqualTo("/api/v1/enterprises")).willReturn(response));
    }

    private static ResponseDefinitionBuilder found() {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"items": [{"id": "e1", "creditCode": "%s", "name": "示例企业", "kind": "PRIVATE"}], "totalItems": 1}
                """.formatted(CODE));
    }

    private MvcTestResult apply() {
        return mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, tokens.bearer("enterprise"))
                .header("Idempotency-Key", "verify-key-" + (key++)).contentType(MediaType.APPLICATION_JSON).content("""
                        {"itemId": "%s", "intakeRegion": "120106",
                         "applicant": {"kind": "ENTERPRISE", "name": "示例企业", "creditCode": "%s"}}
                        """.formatted(itemId, CODE)).exchange();
    }

    @Test
    void aRegisteredEnterpriseIsVerified() {
        registry(found());
        MvcTestResult applied = apply();
        assertThat(applied).hasStatus(201).bodyJson().extractingPath("$.verification.status").isEqualTo("VERIFIED");
        assertThat(applied).bodyJson().extractingPath("$.verification.enterpriseId").isEqualTo("e1");
    }

    @Test
    void anUnknownEnterpriseIsNotFound() {
        registry(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\": [], \"totalItems\": 0}"));
        assertThat(apply()).hasStatus(201).bodyJson().extractingPath("$.verification.status").isEqualTo("NOT_FOUND");
    }

    @Test
    void whenEnterpriseServiceFailsTheApplicationIsTakenPendingAndVerifiedLater() {
        registry(aResponse().withStatus(500));
        MvcTestResult applied = apply();
        assertThat(applied).hasStatus(201).bodyJson().extractingPath("$.verification.status").isEqualTo("PENDING");
        assertThat(applied).bodyJson().extractingPath("$.verification.reason").isEqualTo("failed-response");

        registry(found());
        assertThat(mvc.post().uri("/api/v1/applications/verifications").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .exchange()).hasStatusOk().bodyJson().extractingPath("$.stillPending").isEqualTo(0);
        String uri = applied.getResponse().getHeader(HttpHeaders.LOCATION);
        assertThat(mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, tokens.bearer("enterprise")).exchange())
                .bodyJson().extractingPath("$.verification.status").isEqualTo("VERIFIED");
    }

    @Test
    void slowGarbledOrCircuitOpenAnswersAreAllPendingNeverNotFound() {
        registry(found().withFixedDelay(3000));
        assertThat(apply()).bodyJson().extractingPath("$.verification.reason").isEqualTo("timeout");
        registry(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\": ["));
        assertThat(apply()).bodyJson().extractingPath("$.verification.reason").isEqualTo("malformed-response");
        registry(aResponse().withHeader("Content-Type", "application/json").withBody("{\"items\": \"none\"}"));
        assertThat(apply()).bodyJson().extractingPath("$.verification.status").isEqualTo("PENDING");
        registry(aResponse().withStatus(503));
        for (int i = 0; i < 10; i++) {
            apply();
        }
        int calls = enterpriseService.getAllServeEvents().size();
        MvcTestResult open = apply();
        assertThat(open).hasStatus(201).bodyJson().extractingPath("$.verification.reason").isEqualTo("circuit-open");
        assertThat(enterpriseService.getAllServeEvents()).hasSize(calls);
        assertThat(mongo.findAll(Application.class)).allSatisfy(a ->
                assertThat(a.verification().status()).isEqualTo(Verification.Status.PENDING));
    }
}

package cn.hongqiao.samecity.gateway;

import java.util.List;

import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's view through the gateway: every service's trail merged newest first, a page at a
 * time with a cursor that starts each service's next page right after what was shown; a service
 * that cannot answer named while the others' records stand; the chains' verification gathered; and
 * the auditor refused everything else, others refused the trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.gateway.services.enterprise-service.timeout=1s" })
@AutoConfigureWebTestClient(timeout = "10s")
class AuditTrailsTest {

    static final WireMockServer projects = new WireMockServer(options().dynamicPort());
    static final WireMockServer enterprise = new WireMockServer(options().dynamicPort());
    static final WireMockServer services = new WireMockServer(options().dynamicPort());

    static {
        projects.start();
        enterprise.start();
        services.start();
    }

    @AfterAll
    static void stop() {
        projects.stop();
        enterprise.stop();
        services.stop();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("platform.gateway.services.projects-service.uri", projects::baseUrl);
        registry.add("platform.gateway.services.enterprise-service.uri", enterprise::baseUrl);
        registry.add("platform.gateway.services.services-service.uri", services::baseUrl);
    }

    @Autowired
    WebTestClient web;
    @Autowired
    LocalTokenIssuer issuer;

    @BeforeEach
    void reset() {
        projects.resetAll();
        enterprise.resetAll();
        services.resetAll();
    }

    private static String record(String service, long sequence, String at, String subject) {
        return """
                {"sequence": %d, "at": "%s", "subject": "%s", "roles": ["officer"], "department": null, "enterpriseId": null,
                 "clientId": null, "clientAddress": "203.0.113.7", "service": "%s", "method": "POST", "path": "/api/v1/x",
                 "resourceType": "x", "resourceId": null, "action": "POST /api/v1/x", "status": 201, "outcome": "SUCCESS",
                 "traceId": null, "digest": "SHA-256", "previousHash": "%s", "hash": "%s"}
                """.formatted(sequence, at, subject, service, "0".repeat(64), "a".repeat(64));
    }

    private static void slice(WireMockServer server, String before, boolean more, String... records) {
        var request = get(urlPathEqualTo("/api/v1/audit/records"));
        request = before == null ? request.withQueryParam("before", absent()) : request.withQueryParam("before", equalTo(before));
        server.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"records\": [" + String.join(",", records) + "], \"more\": " + more + "}")));
    }

    private String auditor() {
        return "Bearer " + issuer.issue("auditor", null).accessToken();
    }

    @Test
    void theTrailsAreMergedNewestFirstAndTheCursorGoesOnInEachServiceWhereThePageStopped() {
        slice(projects, null, false, record("projects-service", 2, "2026-12-01T10:05:00Z", "officer-demo"),
                record("projects-service", 1, "2026-12-01T10:01:00Z", "officer-demo"));
        slice(services, null, true, record("services-service", 9, "2026-12-01T10:04:00Z", "officer-demo"),
                record("services-service", 8, "2026-12-01T10:03:00Z", "officer-demo"),
                record("services-service", 7, "2026-12-01T10:02:00Z", "officer-demo"));
        slice(enterprise, null, false);

        var first = web.get().uri("/api/v1/audit/records?subject=officer-demo&size=3").header(HttpHeaders.AUTHORIZATION, auditor())
                .header("X-Forwarded-For", "203.0.113.7").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.records[*].service").isEqualTo(List.of("projects-service", "services-service", "services-service"))
                .jsonPath("$.records[*].sequence").isEqualTo(List.of(2, 9, 8))
                .jsonPath("$.unanswered").isEmpty()
                .returnResult();
        String next = com.jayway.jsonpath.JsonPath.read(new String(first.getResponseBody()), "$.next");
        assertThat(next).isNotNull();
        services.verify(getRequestedFor(urlPathEqualTo("/api/v1/audit/records")).withQueryParam("subject", equalTo("officer-demo"))
                .withQueryParam("size", equalTo("3")).withHeader(HttpHeaders.AUTHORIZATION, equalTo(auditor().substring(0, 7) + "").or(
                        com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))));

        // page two: services-service from before its 8th record, projects-service from before its 2nd; enterprise-service is done
        slice(services, "8", false, record("services-service", 7, "2026-12-01T10:02:00Z", "officer-demo"));
        slice(projects, "2", false, record("projects-service", 1, "2026-12-01T10:01:00Z", "officer-demo"));
        enterprise.resetAll();
        web.get().uri(b -> b.path("/api/v1/audit/records").queryParam("subject", "officer-demo").queryParam("size", 3)
                        .queryParam("cursor", next).build())
                .header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.records[*].sequence").isEqualTo(List.of(7, 1))
                .jsonPath("$.next").doesNotExist();
        assertThat(enterprise.getAllServeEvents()).as("a service with nothing older is not asked again").isEmpty();
    }

    @Test
    void aServiceThatCannotAnswerIsNamedAndTheOthersRecordsStand() {
        slice(projects, null, false, record("projects-service", 1, "2026-12-01T10:01:00Z", "officer-demo"));
        slice(services, null, false);
        enterprise.stubFor(get(urlPathEqualTo("/api/v1/audit/records")).willReturn(aResponse().withFixedDelay(3000)));
        web.get().uri("/api/v1/audit/records").header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.records.length()").isEqualTo(1)
                .jsonPath("$.unanswered[0].service").isEqualTo("enterprise-service")
                .jsonPath("$.unanswered[0].reason").isEqualTo("timeout");
    }

    @Test
    void theVerificationGathersEveryChainAndIsIntactOnlyWhenAllAre() {
        String whole = "{\"from\": 1, \"checked\": 5, \"head\": 5, \"headHash\": \"" + "b".repeat(64) + "\", \"brokenAt\": null, \"reason\": null}";
        projects.stubFor(get("/api/v1/audit/verification").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(whole)));
        enterprise.stubFor(get("/api/v1/audit/verification").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(whole)));
        services.stubFor(get("/api/v1/audit/verification").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"from\": 1, \"checked\": 2, \"head\": null, \"headHash\": null, \"brokenAt\": 3, \"reason\": \"record 3 was altered\"}")));
        web.get().uri("/api/v1/audit/verification").header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.intact").isEqualTo(false)
                .jsonPath("$.services['projects-service'].verification.checked").isEqualTo(5)
                .jsonPath("$.services['services-service'].verification.brokenAt").isEqualTo(3)
                .jsonPath("$.services['services-service'].verification.reason").isEqualTo("record 3 was altered");
    }

    @Test
    void onlyTheAuditorReadsTheTrailsAndTheAuditorNothingElse() {
        web.get().uri("/api/v1/audit/records").exchange().expectStatus().isUnauthorized();
        for (String role : List.of("admin", "officer", "citizen")) {
            web.get().uri("/api/v1/audit/records").header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue(role, null).accessToken())
                    .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // the gateway's own: refused here
        web.get().uri("/api/v1/dashboard").header(HttpHeaders.AUTHORIZATION, auditor()).exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // a route's: the service refuses it (the services' own tests show that) and keeps the refusal on its trail
        services.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/v1/applications").willReturn(aResponse().withStatus(403)));
        web.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, auditor()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isForbidden();
        services.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/api/v1/applications")));
    }

    @Test
    void badFiltersAreTold() {
        web.get().uri("/api/v1/audit/records?outcome=MAYBE").header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("outcome");
        web.get().uri("/api/v1/audit/records?cursor=bm90LWEtY3Vyc29y").header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
        web.get().uri("/api/v1/audit/records?service=billing").header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("service");
        web.get().uri("/api/v1/audit/records?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z").header(HttpHeaders.AUTHORIZATION, auditor())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
        web.get().uri("/api/v1/audit/records?size=0").header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isBadRequest();
        web.get().uri("/api/v1/audit/records?from=yesterday").header(HttpHeaders.AUTHORIZATION, auditor()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
    }
}

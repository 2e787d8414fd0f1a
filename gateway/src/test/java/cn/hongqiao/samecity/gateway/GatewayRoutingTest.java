package cn.hongqiao.samecity.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import cn.hongqiao.samecity.defaults.problem.Problems;
import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of WireMock backends: routing, security, circuit breakers, retries, and a 503
 * problem when a backend cannot answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.gateway.services.projects-service.timeout=1s" })
@AutoConfigureWebTestClient(timeout = "10s")
class GatewayRoutingTest {

    static final WireMockServer projects = new WireMockServer(options().dynamicPort());
    static final WireMockServer items = new WireMockServer(options().dynamicPort());

    static {
        projects.start();
        items.start();
    }

    @AfterAll
    static void stop() {
        projects.stop();
        items.stop();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("platform.gateway.services.projects-service.uri", projects::baseUrl);
        registry.add("platform.gateway.services.services-service.uri", items::baseUrl);
        // nothing listens here: enterprise-service is "down" for the whole test
        registry.add("platform.gateway.services.enterprise-service.uri", () -> "http://127.0.0.1:9");
    }

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient web;
    @Autowired
    LocalTokenIssuer issuer;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    RouteLocator routes;
    /** The gateway's controllers and the actuator's endpoints. */
    @Autowired
    List<RequestMappingInfoHandlerMapping> endpointMappings;

    @BeforeEach
    void reset() {
        projects.resetAll();
        items.resetAll();
    }

    /** Routes are looked up before the controllers and the actuator (handler-mapping.order): no route may take one of their paths. */
    @Test
    void noRouteShadowsOneOfTheGatewaysOwnEndpoints() {
        var endpoints = endpointMappings.stream().flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                .flatMap(info -> info.getPatternsCondition().getPatterns().stream())
                .map(pattern -> pattern.getPatternString().replaceAll("\\{[^}]*}", "x").replace("**", "x"))
                .distinct().toList();
        assertThat(endpoints).contains("/api/v1/audit/records", "/api/v1/dashboard", "/api/v1/local/tokens",
                "/actuator/health", "/actuator/prometheus");
        for (String path : endpoints) {
            for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.POST }) {
                var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
                var taken = routes.getRoutes().filterWhen(route -> route.getPredicate().apply(exchange))
                        .map(route -> route.getId()).collectList().block(Duration.ofSeconds(5));
                assertThat(taken).as("routes taking %s %s", method, path).isEmpty();
            }
        }
    }

    @Test
    void eachResourceReachesItsOwnService() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[{\"code\":\"HQ-PRJ-001\"}]}")));
        items.stubFor(get(urlPathEqualTo("/api/v1/service-items/abc")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":\"KSTB-YB-001\"}")));

        web.get().uri("/api/v1/projects?zone=WEST_STATION_SOUTH").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[0].code").isEqualTo("HQ-PRJ-001");
        web.get().uri("/api/v1/service-items/abc").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.code").isEqualTo("KSTB-YB-001");
        projects.verify(getRequestedFor(urlEqualTo("/api/v1/projects?zone=WEST_STATION_SOUTH"))
                .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")));
        // per-route metrics and latency histograms for the operators' dashboard: one timer per request, tagged with its route
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(metrics -> assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")))
                        .anySatisfy(line -> assertThat(line).contains("routeId=\"projects-service\"").contains("status=\"200\""))
                        .anySatisfy(line -> assertThat(line).contains("routeId=\"services-service\"").contains("status=\"200\""))
                        .anySatisfy(line -> assertThat(line).contains("routeId=\"none\"").contains("uri=\"/actuator/health\""))
                        .noneSatisfy(line -> assertThat(line).doesNotContain("routeId=")))
                .value(metrics -> assertThat(metrics).contains("http_server_requests_seconds_bucket{")
                        // one timer per request: neither Spring Cloud Gateway's route timer nor one for the call to the service
                        .doesNotContain("spring_cloud_gateway_requests_seconds").doesNotContain("http_client_requests_seconds"));
    }

    /** What the routing filter hands to the service and back: address, method, body, headers and status as they were. */
    @Test
    void theServiceGetsTheRequestAsSentAndTheCallerTheAnswerAsGiven() {
        String body = "{\"name\":\"虹桥商务区重点项目\"}";
        projects.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/api/v1/projects/p9"))
                .willReturn(aResponse().withStatus(299).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withHeader("X-Answer", "one", "two").withBody("{\"name\":\"已更新\"}")));
        // as a browser sends it, encoded, a parameter repeated after another (a URI template would have regrouped it)
        web.put().uri(URI.create("http://localhost:" + port + "/api/v1/projects/p9?zone=%E8%A5%BF%E7%AB%99%E5%8D%97&page=2&zone=%E4%B8%9C%E7%AB%99"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue("officer", null).accessToken())
                .header("X-Kept", "yes").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(299)
                .expectHeader().valueEquals("X-Answer", "one", "two")
                .expectHeader().contentType("application/json;charset=UTF-8")
                .expectBody().jsonPath("$.name").isEqualTo("已更新");
        var received = projects.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlPathEqualTo("/api/v1/projects/p9")));
        assertThat(received).hasSize(1);
        // the query percent-encoded as the caller's client sent it, in its order, the body byte for byte, the service's own host
        assertThat(received.get(0).getUrl()).isEqualTo("/api/v1/projects/p9?zone=%E8%A5%BF%E7%AB%99%E5%8D%97&page=2&zone=%E4%B8%9C%E7%AB%99");
        assertThat(received.get(0).getBodyAsString()).isEqualTo(body);
        assertThat(received.get(0).getHeader(HttpHeaders.HOST)).isEqualTo("localhost:" + projects.port());
        assertThat(received.get(0).getHeader("X-Kept")).isEqualTo("yes");
        assertThat(received.get(0).getHeader(HttpHeaders.CONTENT_LENGTH)).isEqualTo(String.valueOf(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }

    @Test
    void theServiceDecidesEveryRequestOnItsRoutesSoThatItsTrailRecordsTheRefusalsAndTokensArePassedOn() {
        // anonymous, or with a token the gateway cannot verify: passed on as it came, for the service to refuse (and record)
        projects.stubFor(post(urlPathEqualTo("/api/v1/projects")).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/problem+json").withBody("{\"status\": 401, \"code\": \"unauthorized\"}")));
        web.post().uri("/api/v1/projects").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        web.post().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isUnauthorized();
        projects.verify(postRequestedFor(urlEqualTo("/api/v1/projects")).withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer not.a.token")));
        // the gateway's own operations it decides itself
        web.get().uri("/api/v1/audit/records").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.traceId").value(id -> assertThat(id.toString()).matches("[0-9a-f]{32}"));
        projects.resetAll();

        projects.stubFor(post(urlPathEqualTo("/api/v1/projects")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":\"HQ-T-1\"}")));
        String token = issuer.issue("officer", null).accessToken();
        web.post().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"HQ-T-1\"}").exchange()
                .expectStatus().isCreated();
        projects.verify(postRequestedFor(urlEqualTo("/api/v1/projects")).withHeader(HttpHeaders.AUTHORIZATION,
                matching("Bearer " + token)));
    }

    @Test
    void aServicesOwnProblemPassesThroughUntouched() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/p1/settled")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Service unavailable\", \"status\": 503, \"service\": \"enterprise-service\"}")));
        web.get().uri("/api/v1/projects/p1/settled").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("enterprise-service");
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/p2")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Internal error\", \"status\": 500, \"traceId\": \"abc\"}")));
        web.get().uri("/api/v1/projects/p2").exchange()
                .expectStatus().isEqualTo(500)
                .expectBody().jsonPath("$.traceId").isEqualTo("abc");
    }

    @Test
    void aFailingServiceAnswersA503ProblemNamingIt() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects")).willReturn(aResponse().withStatus(502)));
        web.get().uri("/api/v1/projects").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.service").isEqualTo("projects-service")
                .jsonPath("$.reason").isEqualTo("failed-response")
                .jsonPath("$.code").isEqualTo("service-unavailable")
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "service-unavailable")
                .jsonPath("$.title").isEqualTo("服务暂不可用")
                .jsonPath("$.detail").isEqualTo("projects-service暂不可用：答复了网关错误。平台其他部分不受影响，请稍后再试。")
                .jsonPath("$.instance").isEqualTo("/api/v1/projects")
                .jsonPath("$.traceId").value(id -> assertThat(id.toString()).matches("[0-9a-f]{32}"));
    }

    @Test
    void everyServerErrorCountsAndAnOpenCircuitStopsCallingTheService() {
        CircuitBreaker breaker = breakers.circuitBreaker("projects-service");
        breaker.reset(); // what earlier tests recorded does not count here
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/broken")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Internal error\", \"status\": 500, \"traceId\": \"abc\"}")));
        try {
            for (int call = 1; call <= 10; call++) {
                // while the circuit is closed, the service's own problem is the answer
                web.get().uri("/api/v1/projects/broken").exchange()
                        .expectStatus().isEqualTo(500).expectBody().jsonPath("$.traceId").isEqualTo("abc");
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            web.get().uri("/api/v1/projects/broken").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectBody().jsonPath("$.service").isEqualTo("projects-service")
                    .jsonPath("$.reason").isEqualTo("circuit-open");
            projects.verify(10, getRequestedFor(urlPathEqualTo("/api/v1/projects/broken")));

            items.stubFor(get(urlPathEqualTo("/api/v1/service-items")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"items\":[]}")));
            web.get().uri("/api/v1/service-items").exchange().expectStatus().isOk();
        } finally {
            breaker.reset();
        }
    }

    @Test
    void aReadThatDidNotReachItsServiceIsTriedOnceMore() {
        CircuitBreaker breaker = breakers.circuitBreaker("projects-service");
        breaker.reset();
        // the connection reset before an answer: the second try answers
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/reset")).inScenario("reset").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("recovered"));
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/reset")).inScenario("reset").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"code\": \"HQ-2\"}")));
        web.get().uri("/api/v1/projects/reset").exchange().expectStatus().isOk().expectBody().jsonPath("$.code").isEqualTo("HQ-2");
        projects.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/projects/reset")));
        // the breaker counts the call once, by its last answer
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();

        // HEAD is a read too
        projects.stubFor(com.github.tomakehurst.wiremock.client.WireMock.head(urlPathEqualTo("/api/v1/projects/flaky-head"))
                .inScenario("head").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(504)).willSetStateTo("recovered"));
        projects.stubFor(com.github.tomakehurst.wiremock.client.WireMock.head(urlPathEqualTo("/api/v1/projects/flaky-head"))
                .inScenario("head").whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200)));
        web.head().uri("/api/v1/projects/flaky-head").exchange().expectStatus().isOk();
        projects.verify(2, com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(urlPathEqualTo("/api/v1/projects/flaky-head")));

        // only once: a second 502 is the answer, as the 503 problem naming the service
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/down")).willReturn(aResponse().withStatus(502)));
        web.get().uri("/api/v1/projects/down").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.reason").isEqualTo("failed-response");
        projects.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/projects/down")));
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        breaker.reset();
    }

    @Test
    void theServicesSpanIsAChildOfTheGatewaysOwnSpanInTheCallersTrace() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/traced")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        String callersTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callersSpan = "00f067aa0ba902b7";
        web.get().uri("/api/v1/projects/traced").header("traceparent", "00-" + callersTrace + "-" + callersSpan + "-01")
                .exchange().expectStatus().isOk();
        String passedOn = projects.findAll(getRequestedFor(urlPathEqualTo("/api/v1/projects/traced"))).get(0).getHeader("traceparent");
        // the same trace, sampled as the caller decided, under the gateway's span for the request (not the caller's span)
        assertThat(passedOn).matches("00-" + callersTrace + "-[0-9a-f]{16}-01").doesNotContain(callersSpan);
    }

    @Test
    void hopByHopHeadersStopAtTheGatewayBothWaysAndTheOthersPass() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/hops")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")
                .withHeader("Proxy-Authenticate", "Basic realm=upstream").withHeader("Trailer", "X-Checksum")
                .withHeader("X-Answer", "kept")));
        web.get().uri("/api/v1/projects/hops")
                .header(HttpHeaders.CONNECTION, "keep-alive, X-Hop-Secret").header("X-Hop-Secret", "for the next hop only")
                .header("Keep-Alive", "timeout=5").header("Proxy-Authorization", "Basic c2VjcmV0").header("TE", "trailers")
                .header("X-Kept", "yes")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Answer", "kept")
                .expectHeader().doesNotExist("Proxy-Authenticate")
                .expectHeader().doesNotExist("Trailer");
        projects.verify(getRequestedFor(urlPathEqualTo("/api/v1/projects/hops")).withHeader("X-Kept", equalTo("yes"))
                .withoutHeader("X-Hop-Secret").withoutHeader("Keep-Alive").withoutHeader("Proxy-Authorization").withoutHeader("TE"));

        // and a request without any passes with all its headers
        web.get().uri("/api/v1/projects/hops").header("X-Kept", "again").exchange().expectStatus().isOk();
        projects.verify(getRequestedFor(urlPathEqualTo("/api/v1/projects/hops")).withHeader("X-Kept", equalTo("again"))
                .withHeader(HttpHeaders.ACCEPT, matching(".+")));
    }

    @Test
    void theServiceGetsTheGatewaysXForwardedHeadersAndNoForwardedHeader() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/forwarded")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        web.get().uri("/api/v1/projects/forwarded").header("X-Kept", "yes").exchange().expectStatus().isOk();
        projects.verify(getRequestedFor(urlPathEqualTo("/api/v1/projects/forwarded")).withoutHeader("Forwarded")
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1")).withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Host", matching("localhost:\\d+")).withHeader("X-Forwarded-Port", matching("\\d+"))
                .withHeader("X-Kept", equalTo("yes")));
    }

    @Test
    void behindATrustedProxyTheServiceLearnsTheClientItNamed() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/behind-ingress")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        // the test calls from 127.0.0.1, a trusted proxy (application.yml), as an ingress controller would
        web.get().uri("/api/v1/projects/behind-ingress").header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "portal.example").exchange().expectStatus().isOk();
        projects.verify(getRequestedFor(urlPathEqualTo("/api/v1/projects/behind-ingress"))
                .withHeader("X-Forwarded-For", equalTo("203.0.113.7")).withHeader("X-Forwarded-Proto", equalTo("https"))
                .withHeader("X-Forwarded-Host", equalTo("portal.example")).withHeader("X-Forwarded-Port", equalTo("443")));
    }

    @Test
    void aReadThatTimedOutIsNotTriedAgain() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/slow-once")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(1500).withBody("{}")));
        web.get().uri("/api/v1/projects/slow-once").exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.reason").isEqualTo("timeout");
        projects.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/projects/slow-once")));
    }

    @Test
    void readsAreRetriedOnceAfterA502ButWritesNever() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/flaky")).inScenario("flaky").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willReturn(aResponse().withStatus(502))
                .willSetStateTo("recovered"));
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/flaky")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"code\": \"HQ-1\"}")));
        web.get().uri("/api/v1/projects/flaky").exchange().expectStatus().isOk().expectBody().jsonPath("$.code").isEqualTo("HQ-1");
        projects.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/projects/flaky")));

        projects.stubFor(post(urlPathEqualTo("/api/v1/projects")).willReturn(aResponse().withStatus(502)));
        web.post().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue("officer", null).accessToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isEqualTo(503);
        projects.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/projects")));
    }

    @Test
    void aSlowServiceIsCutOffAtItsTimeout() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/projects/slow")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(4000).withBody("{}")));
        long started = System.nanoTime();
        web.get().uri("/api/v1/projects/slow").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("projects-service").jsonPath("$.reason").isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void aServiceThatIsDownLeavesTheOtherRoutesUntouched() {
        web.get().uri("/api/v1/enterprises").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("enterprise-service")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("enterprise-service"));
        items.stubFor(get(urlPathEqualTo("/api/v1/service-items")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[]}")));
        web.get().uri("/api/v1/service-items").exchange().expectStatus().isOk();
    }

    @Test
    void anUnknownPathIsA404Problem() {
        web.get().uri("/api/v1/no-such-resource").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.code").isEqualTo("not-found")
                .jsonPath("$.title").isEqualTo("未找到")
                .jsonPath("$.traceId").value(id -> assertThat(id.toString()).matches("[0-9a-f]{32}"));
        web.get().uri("/api/v1/no-such-resource").header(HttpHeaders.ACCEPT_LANGUAGE, "en").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "en")
                .expectBody().jsonPath("$.title").isEqualTo("Not found");
    }

    @Test
    void localModeHandsOutRealTokensForEachRole() {
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"citizen\"}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.tokenType").isEqualTo("Bearer")
                .jsonPath("$.subject").isEqualTo("citizen-demo")
                .jsonPath("$.roles[0]").isEqualTo("citizen")
                .jsonPath("$.accessToken").value(token -> assertThat(token.toString().split("\\.")).hasSize(3));
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"emperor\"}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("role")
                .jsonPath("$.errors[0].message").isEqualTo("应为以下之一：citizen, enterprise, officer, admin, partner, auditor")
                .jsonPath("$.code").isEqualTo("invalid-request")
                .jsonPath("$.traceId").value(id -> assertThat(id.toString()).matches("[0-9a-f]{32}"));
    }

    @Test
    void aPartnerRegionsSystemGetsATokenNamingItsRegionAndOnlyIt() {
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"partner\", \"region\":\"110106\"}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.subject").isEqualTo("partner-110106")
                .jsonPath("$.roles[0]").isEqualTo("partner")
                .jsonPath("$.accessToken").value(token -> {
                    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.toString().split("\\.")[1]),
                            java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(payload).contains("\"region\":\"110106\"");
                });
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"partner\"}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("region");
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"citizen\", \"region\":\"110106\"}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("region");
    }

    @Test
    void theGatewaysOwnEndpointsNameTheFieldsTheyCannotRead() {
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\":\"citizen\", \"shoeSize\": 44}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("shoeSize")
                .jsonPath("$.errors[0].message").isEqualTo("未知字段“shoeSize”");
        web.post().uri("/api/v1/local/tokens").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .bodyValue("{\"role\": ").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-request")
                .jsonPath("$.title").isEqualTo("Invalid request")
                .jsonPath("$.errors[0].field").isEqualTo("$");
    }

    @Test
    void eachServicesApiDocumentIsReachableForTheSwaggerUi() {
        projects.stubFor(get(urlEqualTo("/v3/api-docs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"openapi\":\"3.1.0\"}")));
        web.get().uri("/api-docs/projects-service").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").isEqualTo("3.1.0");
        web.get().uri("/api-docs/gateway/swagger-config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.urls[*].name").value(names -> assertThat(names.toString())
                        .contains("platform", "projects-service", "enterprise-service", "services-service", "gateway"))
                .jsonPath("$.urls[*].url").value(urls -> assertThat((java.util.List<Object>) urls).contains("/v3/api-docs"))
                .jsonPath("$['urls.primaryName']").isEqualTo("platform");
    }
}

package cn.hongqiao.samecity.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS for portal origins, identity headers dropped, no session state, the portal's files with the
 * caching their names allow, and the dashboard's sections with one service down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.edge.cors-origins=https://portal.hongqiao.example", "platform.dashboard.cache-ttl=0s",
        "platform.gateway.services.services-service.timeout=1s",
        "spring.web.resources.static-locations=classpath:/portal-fixture/" })
@AutoConfigureWebTestClient(timeout = "10s")
class EdgeAndDashboardTest {

    static final WireMockServer projects = new WireMockServer(options().dynamicPort());
    static final WireMockServer services = new WireMockServer(options().dynamicPort());

    static {
        projects.start();
        services.start();
    }

    @AfterAll
    static void stop() {
        projects.stop();
        services.stop();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("platform.gateway.services.projects-service.uri", projects::baseUrl);
        registry.add("platform.gateway.services.services-service.uri", services::baseUrl);
        registry.add("platform.gateway.services.enterprise-service.uri", () -> "http://127.0.0.1:9");
    }

    @Autowired
    WebTestClient web;
    @Autowired
    LocalTokenIssuer issuer;

    @BeforeEach
    void reset() {
        projects.resetAll();
        services.resetAll();
    }

    @Test
    void aPortalOriginsPreflightIsAnsweredWithoutAToken() {
        web.options().uri("/api/v1/projects").header(HttpHeaders.ORIGIN, "https://portal.hongqiao.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://portal.hongqiao.example");
        web.options().uri("/api/v1/projects").header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void thePortalsHashedFilesAreKeptForAYearAndItsPageIsAskedForEveryTime() {
        web.get().uri("/assets/index-0a1b2c3d.js").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
                .expectBody(String.class).value(body -> assertThat(body).contains("门户"));
        web.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-cache"))
                .expectBody(String.class).value(body -> assertThat(body).contains("/assets/index-0a1b2c3d.js"));
        web.get().uri("/assets/missing-0a1b2c3d.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void identityHeadersFromClientsNeverReachAService() {
        projects.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));
        web.get().uri("/api/v1/projects").header("X-User-Id", "admin").header("X-Roles", "admin")
                .header("X-Department", "红桥区发展和改革委员会").header("x-principal-name", "admin").header("X-Client", "big-screen")
                .exchange().expectStatus().isOk();
        projects.verify(getRequestedFor(urlPathEqualTo("/api/v1/projects")).withHeader("X-User-Id", absent())
                .withHeader("X-Roles", absent()).withHeader("X-Department", absent()).withHeader("X-Principal-Name", absent())
                .withHeader("X-Client", equalTo("big-screen")));
        // a request without one goes on with its headers as sent
        web.get().uri("/api/v1/projects?ordinary").header("X-Client", "big-screen").exchange().expectStatus().isOk();
        projects.verify(getRequestedFor(urlEqualTo("/api/v1/projects?ordinary")).withHeader("X-Client", equalTo("big-screen")));
    }

    @Test
    void theGatewayKeepsNoSessionTheTokenIsTheWholeSecurityContext() {
        projects.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));
        int before = SessionWatch.SESSIONS_LOADED.get();
        web.get().uri("/api/v1/projects").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        web.get().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.issue("citizen", "c-1").accessToken())
                .exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        assertThat(SessionWatch.SESSIONS_LOADED.get()).as("WebSessions loaded or created").isEqualTo(before);
    }

    @Test
    void theDashboardAnswersEverySectionMarkingTheUnavailableOnes() {
        projects.stubFor(get(urlPathEqualTo("/api/v1/project-statistics")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"projects\": 19}")));
        projects.stubFor(get(urlPathEqualTo("/api/v1/warnings")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"items\": [], \"totalItems\": 0}")));
        services.stubFor(get(urlPathEqualTo("/api/v1/service-figures")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"items\": [{\"key\": \"cross-province-items\", \"value\": 228}]}")));
        services.stubFor(get(urlPathEqualTo("/api/v1/service-items")).willReturn(aResponse().withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody("{\"totalItems\": 8}")));
        services.stubFor(get(urlPathEqualTo("/api/v1/medical-institutions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"totalItems\": 6}")));

        long started = System.nanoTime();
        web.get().uri("/api/v1/dashboard").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.projects.available").isEqualTo(true)
                .jsonPath("$.projects.data.projects").isEqualTo(19)
                .jsonPath("$.serviceFigures.data.items[0].value").isEqualTo(228)
                .jsonPath("$.soeBranches.available").isEqualTo(false)
                .jsonPath("$.soeBranches.reason").isEqualTo("unreachable")
                .jsonPath("$.serviceItems.reason").isEqualTo("timeout")
                .jsonPath("$.leadFunnel.reason").isEqualTo("unauthorized")
                .jsonPath("$.overdueApplications.reason").isEqualTo("unauthorized");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("within the slowest section's timeout")
                .isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void sectionsThatNeedARoleAreReadWithTheCallersToken() {
        services.stubFor(get(urlPathEqualTo("/api/v1/applications/overdue")).withHeader(HttpHeaders.AUTHORIZATION,
                com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"totalItems\": 3}")));
        String officer = issuer.issue("officer", null).accessToken();
        web.get().uri("/api/v1/dashboard").header(HttpHeaders.AUTHORIZATION, "Bearer " + officer).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.overdueApplications.available").isEqualTo(true)
                .jsonPath("$.overdueApplications.data.totalItems").isEqualTo(3);
    }

    /** Counts the WebSessions requests actually load (creating one costs a hop to another thread and back). */
    @TestConfiguration(proxyBeanMethods = false)
    static class SessionWatch {

        static final AtomicInteger SESSIONS_LOADED = new AtomicInteger();

        @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
        WebSessionManager webSessionManager() {
            DefaultWebSessionManager sessions = new DefaultWebSessionManager();
            return exchange -> Mono.defer(() -> {
                SESSIONS_LOADED.incrementAndGet();
                return sessions.getSession(exchange);
            });
        }
    }
}

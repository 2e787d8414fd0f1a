package cn.hongqiao.samecity.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst over a client's limit gets 429 with Retry-After, per client: in-process (Bucket4j) and
 * shared through a real Redis (Spring Cloud Gateway's RedisRateLimiter; .ci/run installs
 * redis-server, and this test starts one on a free port).
 */
class RateLimitTest {

    static final WireMockServer projects = new WireMockServer(options().dynamicPort());

    static {
        projects.start();
        projects.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterAll
    static void stop() {
        projects.stop();
    }

    static void backends(DynamicPropertyRegistry registry) {
        registry.add("platform.gateway.services.projects-service.uri", projects::baseUrl);
        registry.add("platform.rate-limit.groups.projects-service.replenish-rate", () -> "1");
        registry.add("platform.rate-limit.groups.projects-service.burst-capacity", () -> "3");
    }

    /** What both stores must do. */
    abstract static class Behaviour {

        @Autowired
        WebTestClient web;
        @Autowired
        LocalTokenIssuer issuer;

        List<Integer> burst(String subject, int requests) {
            List<Integer> statuses = new ArrayList<>();
            String token = issuer.issue("citizen", subject).accessToken();
            for (int i = 0; i < requests; i++) {
                statuses.add(web.get().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                        .returnResult(String.class).getStatus().value());
            }
            return statuses;
        }

        @Test
        void aBurstOverTheLimitGets429WithRetryAfterAndOtherClientsAreUnaffected() {
            String subject = "burst-" + System.nanoTime();
            List<Integer> statuses = burst(subject, 6);
            assertThat(statuses.subList(0, 3)).containsOnly(200);
            assertThat(statuses.subList(3, 6)).contains(429);

            String token = issuer.issue("citizen", subject).accessToken();
            web.get().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(429);
            assertThat(burst("other-" + System.nanoTime(), 3)).containsOnly(200);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
            "platform.rate-limit.store=memory" })
    @AutoConfigureWebTestClient
    class InProcess extends Behaviour {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            backends(registry);
        }
    }

    static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    /** Without redis-server (a developer's machine) the Redis case is skipped, saying why; .ci/run installs it. */
    static boolean redisInstalled() {
        return Files.isExecutable(REDIS_SERVER);
    }

    @Nested
    @EnabledIf(value = "cn.hongqiao.samecity.gateway.RateLimitTest#redisInstalled",
            disabledReason = "redis-server is not installed (.ci/run installs Debian's redis-server)")
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
            "platform.rate-limit.store=redis" })
    @AutoConfigureWebTestClient
    class SharedThroughRedis extends Behaviour {

        static Process redis;
        static int port;

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) throws Exception {
            backends(registry);
            startRedis();
            registry.add("spring.data.redis.port", () -> String.valueOf(port));
            registry.add("spring.data.redis.host", () -> "127.0.0.1");
        }

        static synchronized void startRedis() throws Exception {
            if (redis != null) {
                return;
            }
            Path binary = REDIS_SERVER;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            redis = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::destroy));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("redis-server did not start");
        }

        @AfterAll
        static void stopRedis() {
            if (redis != null) {
                redis.destroy();
            }
        }
    }
}

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
import org.springframework.test.web.reactive.server.EntityExchangeResult;
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

        List<EntityExchangeResult<String>> burst(String subject, int requests) {
            String token = issuer.issue("citizen", subject).accessToken();
            return burst(HttpHeaders.AUTHORIZATION, "Bearer " + token, requests);
        }

        /** Without a token: the client is its address, here as the ingress forwards it. */
        List<EntityExchangeResult<String>> anonymousBurst(String address, int requests) {
            return burst("X-Forwarded-For", address, requests);
        }

        private List<EntityExchangeResult<String>> burst(String header, String value, int requests) {
            List<EntityExchangeResult<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(web.get().uri("/api/v1/projects").header(header, value).exchange().expectBody(String.class).returnResult());
            }
            return answers;
        }

        static List<Integer> statuses(List<EntityExchangeResult<String>> answers) {
            return answers.stream().map(answer -> answer.getStatus().value()).toList();
        }

        @Test
        void aBurstOverTheLimitGets429WithRetryAfterAndOtherClientsAreUnaffected() {
            List<EntityExchangeResult<String>> answers = burst("burst-" + System.nanoTime(), 6);
            assertThat(statuses(answers).subList(0, 3)).containsOnly(200);
            // (the bucket refills one request a second, so a slow run may let one more through)
            EntityExchangeResult<String> refused = answers.subList(3, 6).stream()
                    .filter(answer -> answer.getStatus().value() == 429).findFirst().orElseThrow();
            assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
            assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getResponseBody()).contains("\"status\":429").contains("\"traceId\":")
                    .contains("\"code\":\"rate-limited\"").contains("\"title\":\"请求过于频繁\"");

            assertThat(statuses(burst("other-" + System.nanoTime(), 3))).containsOnly(200);
        }

        @Test
        void callersWithoutATokenAreLimitedEachByTheirAddressNotAllTogether() {
            long run = System.nanoTime();
            String first = "198.51.100." + (run % 250 + 1);
            String second = "203.0.113." + (run % 250 + 1);
            List<EntityExchangeResult<String>> answers = anonymousBurst(first, 6);
            assertThat(statuses(answers).subList(0, 3)).containsOnly(200);
            assertThat(statuses(answers).subList(3, 6)).contains(429);
            assertThat(answers.get(0).getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("2");

            List<EntityExchangeResult<String>> other = anonymousBurst(second, 3);
            assertThat(statuses(other)).containsOnly(200);
            assertThat(other.get(0).getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("2");
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

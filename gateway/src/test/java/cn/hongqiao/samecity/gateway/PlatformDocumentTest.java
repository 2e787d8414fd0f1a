package cn.hongqiao.samecity.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's one document at the gateway ({@code GET /v3/api-docs}), made from the documents
 * the services serve (played by WireMock, answering each service's checked-in document) and the
 * gateway's own: it must equal {@code docs/openapi/platform.json}, and state the whole contract.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys" })
@AutoConfigureWebTestClient
class PlatformDocumentTest {

    static final JsonMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    static final Path DOCS = Path.of("..", "docs", "openapi");
    static final List<String> SERVICES = List.of("projects-service", "enterprise-service", "services-service");
    static final List<WireMockServer> backends = new ArrayList<>();

    static {
        for (String service : SERVICES) {
            WireMockServer server = new WireMockServer(options().dynamicPort());
            server.start();
            try {
                server.stubFor(get(urlEqualTo("/v3/api-docs")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(Files.readString(DOCS.resolve(service + ".json"), StandardCharsets.UTF_8))));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            backends.add(server);
        }
    }

    @AfterAll
    static void stop() {
        backends.forEach(WireMockServer::stop);
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (int i = 0; i < SERVICES.size(); i++) {
            WireMockServer server = backends.get(i);
            registry.add("platform.gateway.services." + SERVICES.get(i) + ".uri", server::baseUrl);
        }
    }

    @Autowired
    WebTestClient web;

    JsonNode document() {
        byte[] body = web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return CANONICAL.readTree(body);
    }

    @Test
    void thePlatformDocumentIsCheckedIn() throws Exception {
        String made = CANONICAL.writeValueAsString(document()) + "\n";
        Path file = DOCS.resolve("platform.json");
        if (Boolean.getBoolean("docs.update") || Boolean.getBoolean("openapi.update")) {
            Files.writeString(file, made, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s differs from what the gateway makes; after an intended change run ./mvnw verify -Ddocs.update=true", file)
                .isEqualTo(made);
    }

    @Test
    void theRoleMatrixCoversEveryOperation() throws Exception {
        List<String[]> rows = Files.readAllLines(Path.of("..", "docs", "role-matrix.csv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split(",")).toList();
        List<String> uncovered = new ArrayList<>();
        document().path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
            // a row names a path with its variables filled in ({project}, a year...): any segment fills a variable
            String pattern = java.util.regex.Pattern.quote(path.getKey()).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            if (rows.stream().noneMatch(row -> row[0].equals(method) && row[1].matches(pattern))) {
                uncovered.add(method + " " + path.getKey());
            }
        }));
        assertThat(uncovered).as("operations of the platform document missing from docs/role-matrix.csv").isEmpty();
    }

    @Test
    void everyOperationStatesItsContract() {
        JsonNode document = document();
        Set<String> operationIds = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (!operationIds.add(operation.path("operationId").asString())) {
                wrong.add(where + ": operationId " + operation.path("operationId").asString() + " is not unique");
            }
            if (operation.path("summary").asString("").isBlank()) {
                wrong.add(where + ": no summary");
            }
            if (!operation.has("security")) {
                wrong.add(where + ": no security requirement");
            } else if (!operation.path("security").isEmpty() && !operation.has("x-roles")) {
                wrong.add(where + ": secured without its roles");
            }
            operation.path("requestBody").path("content").properties().forEach(media -> {
                if (!media.getValue().has("example")) {
                    wrong.add(where + ": request body without an example");
                }
            });
            operation.path("responses").properties().forEach(named -> {
                int status = Integer.parseInt(named.getKey());
                // 414 and 431: one shared answer of the gateway's server, given before routing (so before any rate limit)
                boolean refusedBeforeRouting = named.getValue().has("$ref");
                JsonNode answer = refusedBeforeRouting ? document.at(named.getValue().path("$ref").asString().substring(1)) : named.getValue();
                if (refusedBeforeRouting && answer.isMissingNode()) {
                    wrong.add(where + ": " + status + " refers to no response");
                }
                java.util.Map.Entry<String, JsonNode> response = java.util.Map.entry(named.getKey(), answer);
                response.getValue().path("content").properties().forEach(media -> {
                    if (!media.getValue().has("example")) {
                        wrong.add(where + ": " + status + " without an example");
                    }
                });
                if (status >= 400 && !response.getValue().path("content").has("application/problem+json")) {
                    wrong.add(where + ": " + status + " is not a problem");
                }
                if (response.getValue().path("content").has("*/*")) {
                    wrong.add(where + ": " + status + " has no media type");
                }
                if (!refusedBeforeRouting && !response.getValue().path("headers").has("X-RateLimit-Remaining") && !gatewaysOwn(path.getKey())) {
                    wrong.add(where + ": " + status + " without X-RateLimit-Remaining");
                }
            });
            if (!operation.path("responses").has("429") && !gatewaysOwn(path.getKey())) {
                wrong.add(where + ": no 429");
            }
        }));
        assertThat(wrong).isEmpty();
        assertThat(document.path("paths").has("/error")).isFalse();
        assertThat(document.path("paths").path("/api/v1/dashboard").has("get")).isTrue();
        assertThat(document.path("components").path("schemas").path("Dashboard").path("properties").path("projects").toString())
                .as("the dashboard's sections are typed by the operations they come from").contains("Figures");
        assertThat(document.path("paths").path("/api/v1/projects/{id}").path("put").path("responses").path("409")
                .path("x-problem-codes").toString()).contains("concurrent-modification");
    }

    /** The gateway's own operations (local tokens, the dashboard, the audit trails) are not behind a route's rate limit. */
    private static boolean gatewaysOwn(String path) {
        return path.startsWith("/api/v1/local") || path.equals("/api/v1/dashboard") || path.startsWith("/api/v1/audit/");
    }
}

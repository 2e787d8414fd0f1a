package cn.hongqiao.samecity.gateway.apidocs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.hongqiao.samecity.defaults.openapi.PlatformApiDocument;
import cn.hongqiao.samecity.defaults.problem.PeerUnavailableException;
import cn.hongqiao.samecity.gateway.dashboard.DashboardSections;
import cn.hongqiao.samecity.gateway.routes.BackendServices;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.annotations.Hidden;
import org.springdoc.webflux.api.OpenApiWebfluxResource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code GET /v3/api-docs}: the platform's one OpenAPI document ({@link PlatformDocument}), made
 * when asked from the document each service serves and the gateway's own. A service that cannot
 * answer makes it a 503 naming the service rather than a document with a part missing.
 */
@RestController
@Hidden
class PlatformDocumentController {

    static final String OWN_DOCUMENT = "/api-docs/gateway";

    private final BackendServices backends;
    private final WebClient client;
    private final OpenApiWebfluxResource ownDocument;
    private final PlatformApiDocument contract;
    private final JsonMapper json;

    PlatformDocumentController(BackendServices backends, WebClient.Builder builder, OpenApiWebfluxResource ownDocument,
            PlatformApiDocument contract, JsonMapper json) {
        this.backends = backends;
        // service documents are larger than WebClient's default 256 KB buffer
        this.client = builder.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
        this.ownDocument = ownDocument;
        this.contract = contract;
        this.json = json;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ObjectNode> platformDocument(ServerHttpRequest request) throws Exception {
        Mono<JsonNode> own = ownDocument.openapiJson(request, OWN_DOCUMENT, Locale.ROOT).map(json::readTree);
        Mono<Map<String, JsonNode>> services = Flux.fromIterable(backends.services().entrySet())
                .flatMap(e -> client.get().uri(e.getValue().uri() + "/v3/api-docs").retrieve().bodyToMono(JsonNode.class)
                        .timeout(e.getValue().timeout())
                        .onErrorMap(failure -> new PeerUnavailableException(e.getKey(), "unreachable",
                                "problem.service-unavailable.document", e.getKey()))
                        .map(document -> Map.entry(e.getKey(), document)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
        return Mono.zip(services, own).map(both -> merge(both.getT1(), both.getT2()));
    }

    ObjectNode merge(Map<String, JsonNode> services, JsonNode own) {
        return PlatformDocument.merge(services, own, DashboardSections.sources(),
                gatewayAnswer(List.of("rate-limited")), gatewayAnswer(List.of("service-unavailable")),
                new java.util.TreeMap<>(Map.of("414", Map.entry("UriTooLong", refusedAnswer("uri-too-long")),
                        "431", Map.entry("HeadersTooLarge", refusedAnswer("headers-too-large")))));
    }

    /** A problem the gateway's server answers before routing, whatever the path (see NettyProblemResponses). */
    private JsonNode refusedAnswer(String code) {
        return problemAnswer(List.of(code));
    }

    private ObjectNode problemAnswer(List<String> codes) {
        return (ObjectNode) json.readTree(Json31.pretty(contract.problemResponse(codes)));
    }

    /** A problem answer the gateway adds to every service operation, with its Retry-After. */
    private JsonNode gatewayAnswer(List<String> codes) {
        ObjectNode answer = problemAnswer(codes);
        PlatformDocument.addRetryAfter(answer);
        return answer;
    }
}

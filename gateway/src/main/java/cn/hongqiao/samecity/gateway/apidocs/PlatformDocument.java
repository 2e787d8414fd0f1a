package cn.hongqiao.samecity.gateway.apidocs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's one OpenAPI document, as portals see the API through the gateway: every service's
 * operations and the gateway's own in one document, with what the gateway adds to every service
 * operation (its rate limit: 429 and {@code X-RateLimit-Remaining}; a 503 when the service cannot
 * answer), the dashboard's sections typed by the operations they come from, and schemas of the
 * same name but another shape kept apart by their service's prefix. Made from the documents the
 * services and the gateway generate from their code, so it cannot drift from them.
 */
final class PlatformDocument {

    static final String GATEWAY = "gateway";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlatformDocument() {
    }

    /**
     * @param services        each service's document, by service name
     * @param gateway         the gateway's own document (dashboard; local tokens in local mode)
     * @param sectionSources  the dashboard's sections and the service path whose answer each carries
     * @param tooManyRequests the 429 answer to add to every service operation
     * @param unavailable     the 503 answer to add to every service operation
     * @param refused         answers the gateway's server gives any request before routing it (414, 431), by
     *                        status and name: each is one shared response every operation refers to
     */
    static ObjectNode merge(Map<String, JsonNode> services, JsonNode gateway, Map<String, String> sectionSources,
            JsonNode tooManyRequests, JsonNode unavailable, Map<String, Map.Entry<String, JsonNode>> refused) {
        ObjectNode platform = NODES.objectNode();
        platform.put("openapi", gateway.path("openapi").asString("3.1.0"));
        ObjectNode info = (ObjectNode) gateway.path("info").deepCopy();
        info.put("title", "京津冀同城商务区 platform API");
        info.put("description", "The Hongqiao District (Tianjin) Jing-Jin-Ji same-city business district platform, as portals "
                + "reach it through the gateway at /api/v1/**: key projects, enterprises and investment attraction, and the "
                + "public services shared with Beijing and Hebei. Every error is an RFC 9457 problem with a stable code "
                + "(docs/problems/); titles and details are Chinese by default, English with Accept-Language: en. Every "
                + "answer carries X-RateLimit-Remaining; over the limit is 429 with Retry-After.");
        platform.set("info", info);
        platform.set("servers", gateway.path("servers").deepCopy());
        ObjectNode paths = platform.putObject("paths");
        ObjectNode components = platform.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components.set("securitySchemes", gateway.path("components").path("securitySchemes").deepCopy());
        Map<String, JsonNode> tags = new TreeMap<>();

        Map<String, JsonNode> documents = new LinkedHashMap<>(new TreeMap<>(services));
        documents.put(GATEWAY, gateway);
        documents.forEach((name, source) -> {
            ObjectNode document = (ObjectNode) source.deepCopy();
            rename(document, schemaNames(schemas, document, name));
            document.path("components").path("schemas").properties().forEach(e -> schemas.set(e.getKey(), e.getValue()));
            document.path("paths").properties().forEach(path -> {
                if (paths.has(path.getKey())) {
                    throw new IllegalStateException(path.getKey() + " is in two documents; each path belongs to one service");
                }
                if (!GATEWAY.equals(name)) {
                    throughTheGateway(path.getValue(), tooManyRequests, unavailable);
                }
                paths.set(path.getKey(), path.getValue());
            });
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asString(), tag));
        });
        typeDashboard(paths, schemas, sectionSources);
        ObjectNode responses = components.putObject("responses");
        refused.forEach((status, named) -> responses.set(named.getKey(), named.getValue()));
        paths.properties().forEach(path -> path.getValue().properties().forEach(method -> refused.forEach((status, named) ->
                ((ObjectNode) method.getValue().path("responses")).set(status,
                        NODES.objectNode().put("$ref", "#/components/responses/" + named.getKey())))));
        ArrayNode tagList = platform.putArray("tags");
        tags.values().forEach(tagList::add);
        return platform;
    }

    /** The new names of a document's schemas that the platform already has in another shape: the service's prefix. */
    private static Map<String, String> schemaNames(ObjectNode platformSchemas, JsonNode document, String service) {
        Map<String, String> renames = new HashMap<>();
        document.path("components").path("schemas").properties().forEach(e -> {
            JsonNode existing = platformSchemas.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue())) {
                renames.put(e.getKey(), prefix(service) + e.getKey());
            }
        });
        return renames;
    }

    static String prefix(String service) {
        StringBuilder prefix = new StringBuilder();
        for (String part : service.replace("-service", "").split("-")) {
            prefix.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return prefix.toString();
    }

    private static void rename(ObjectNode document, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
        renames.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
        rewriteRefs(document, renames);
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMAS)) {
                String target = renames.get(ref.asString().substring(SCHEMAS.length()));
                if (target != null) {
                    object.put("$ref", SCHEMAS + target);
                }
            }
            object.values().forEach(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    /** What the gateway adds to each service operation: the rate limit's header and 429, and its 503. */
    private static void throughTheGateway(JsonNode pathItem, JsonNode tooManyRequests, JsonNode unavailable) {
        pathItem.properties().forEach(method -> {
            ObjectNode responses = (ObjectNode) method.getValue().path("responses");
            if (!responses.has("429")) {
                responses.set("429", tooManyRequests.deepCopy());
            }
            if (!responses.has("503")) {
                responses.set("503", unavailable.deepCopy());
            } else {
                addRetryAfter((ObjectNode) responses.get("503"));
            }
            responses.properties().forEach(response -> ((ObjectNode) response.getValue()).withObject("/headers")
                    .set("X-RateLimit-Remaining", NODES.objectNode()
                            .put("description", "Requests this client may still make now in this group of operations.")
                            .set("schema", NODES.objectNode().put("type", "integer").put("minimum", 0))));
        });
    }

    static void addRetryAfter(ObjectNode response) {
        response.withObject("/headers").set("Retry-After", NODES.objectNode()
                .put("description", "Seconds to wait before trying again.")
                .set("schema", NODES.objectNode().put("type", "integer").put("minimum", 1)));
    }

    /** The dashboard's answer: each section's data has the schema of the service operation it comes from. */
    private static void typeDashboard(ObjectNode paths, ObjectNode schemas, Map<String, String> sectionSources) {
        JsonNode dashboard = paths.path("/api/v1/dashboard").path("get");
        if (dashboard.isMissingNode()) {
            return;
        }
        // the gateway's Section, by whatever name it has here (another service may have a Section too)
        String section = dashboard.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("additionalProperties").path("$ref").asString(SCHEMAS + "Section");
        ObjectNode properties = NODES.objectNode();
        ObjectNode example = NODES.objectNode();
        List<String> required = new ArrayList<>();
        sectionSources.forEach((name, source) -> {
            JsonNode answer = paths.path(source).path("get").path("responses").path("200").path("content").path("application/json");
            JsonNode data = answer.path("schema");
            ObjectNode sectionExample = example.putObject(name).put("available", true).putNull("reason");
            sectionExample.set("data", answer.path("example").isMissingNode() ? NODES.nullNode() : answer.path("example").deepCopy());
            ObjectNode sectionSchema = NODES.objectNode();
            ArrayNode allOf = sectionSchema.putArray("allOf");
            allOf.addObject().put("$ref", section);
            if (!data.isMissingNode()) {
                allOf.addObject().putObject("properties").set("data", NODES.objectNode()
                        .put("description", "When available: the answer of GET " + source + ".")
                        .set("oneOf", NODES.arrayNode().add(data.deepCopy()).add(NODES.objectNode().put("type", "null"))));
            }
            properties.set(name, sectionSchema);
            required.add(name);
        });
        ObjectNode schema = NODES.objectNode().put("type", "object")
                .put("description", "The district at a glance: one section per figure, each available or not with the reason.");
        schema.set("properties", properties);
        ArrayNode requiredNode = schema.putArray("required");
        required.forEach(requiredNode::add);
        schemas.set("Dashboard", schema);
        ObjectNode answer = (ObjectNode) dashboard.path("responses").path("200").path("content").path("application/json");
        answer.set("schema", NODES.objectNode().put("$ref", SCHEMAS + "Dashboard"));
        answer.set("example", example); // every section available, with its source operation's example
    }
}

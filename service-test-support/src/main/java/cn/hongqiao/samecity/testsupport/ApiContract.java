package cn.hongqiao.samecity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAPI 3.1 document read as the contract an answer must keep: the operation a request
 * reached, that the status it answered is documented, and that the body matches the schema of that
 * status: every {@code required} member present, no member {@code null} that the schema does not
 * allow to be, no member the schema does not declare, types, enums and patterns as stated. This is
 * what a portal's generated client relies on; {@link DocumentedAnswers} applies it to every answer a
 * service's tests see.
 *
 * <p>Deliberately small: the subset of JSON Schema the platform's documents use ($ref, oneOf,
 * allOf, type lists with "null", properties, required, items, enum, pattern, format date).
 */
public final class ApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<Path, ApiContract> LOADED = new ConcurrentHashMap<>();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final JsonNode document;
    private final List<Route> routes = new ArrayList<>();

    private record Route(Pattern path, String template, int variables) {
    }

    private ApiContract(JsonNode document) {
        this.document = document;
        document.path("paths").propertyNames().forEach(template -> {
            String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            routes.add(new Route(Pattern.compile(regex), template, (int) template.chars().filter(c -> c == '{').count()));
        });
        routes.sort(Comparator.comparingInt(Route::variables));
    }

    /** The contract of the checked-in document {@code file}, read once per JVM. */
    public static ApiContract of(Path file) {
        return LOADED.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                return new ApiContract(JSON.readTree(Files.readString(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * What the answer breaks of the contract: empty when it keeps it, or when the request reached
     * no documented operation (actuator, Swagger UI, an unknown path).
     */
    public List<String> violations(String method, String path, int status, String contentType, byte[] body) {
        String template = routes.stream().filter(r -> r.path().matcher(path).matches()).map(Route::template).findFirst().orElse(null);
        JsonNode operation = template == null ? null : document.path("paths").path(template).get(method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            return List.of();
        }
        String where = method + " " + template + " (" + operation.path("operationId").asString("") + ") answered " + status;
        JsonNode response = operation.path("responses").get(String.valueOf(status));
        if (response == null) {
            return List.of(where + ": the status is not documented");
        }
        if (response.has("$ref")) {
            response = document.at(response.path("$ref").asString().substring(1));
        }
        JsonNode content = response.path("content");
        if (body == null || body.length == 0) {
            return content.isEmpty() || status == 304 ? List.of() : List.of(where + ": empty, but the document states a body");
        }
        String media = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode described = content.get(media);
        if (described == null) {
            return List.of(where + ": " + media + ", but the document states " + content.propertyNames());
        }
        if (!media.endsWith("json")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        check(JSON.readTree(body), described.path("schema"), "$", violations);
        return violations.stream().map(v -> where + ": " + v).toList();
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> violations) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            check(value, document.at(ref.substring(1)), at, violations);
            return;
        }
        if (schema.has("oneOf")) {
            List<List<String>> attempts = new ArrayList<>();
            for (JsonNode option : schema.path("oneOf")) {
                List<String> attempt = new ArrayList<>();
                check(value, option, at, attempt);
                if (attempt.isEmpty()) {
                    return;
                }
                attempts.add(attempt);
            }
            violations.add(at + " matches none of its oneOf: " + attempts);
            return;
        }
        if (schema.has("allOf")) {
            check(value, merged(schema), at, violations);
            return;
        }
        List<String> types = new ArrayList<>();
        JsonNode type = schema.path("type");
        if (type.isString()) {
            types.add(type.asString());
        } else {
            type.forEach(t -> types.add(t.asString()));
        }
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null")) {
                violations.add(at + " is null; the document says it never is");
            }
            return;
        }
        if (!types.isEmpty() && types.stream().noneMatch(t -> is(value, t))) {
            violations.add(at + " is " + value.getNodeType() + ", the document says " + types);
            return;
        }
        if (schema.has("enum") && !contains(schema.path("enum"), value)) {
            violations.add(at + " is " + value + ", not one of " + schema.path("enum"));
        }
        if (value.isString()) {
            String text = value.asString();
            if (schema.has("pattern") && !Pattern.compile(schema.path("pattern").asString()).matcher(text).find()) {
                violations.add(at + " \"" + text + "\" does not match " + schema.path("pattern").asString());
            }
            if ("date".equals(schema.path("format").asString("")) && !DATE.matcher(text).matches()) {
                violations.add(at + " \"" + text + "\" is no date");
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asString())) {
                    violations.add(at + "." + name.asString() + " is missing; the document says it is always there");
                }
            }
            if (properties.isObject()) {
                value.properties().forEach(member -> {
                    JsonNode declared = properties.get(member.getKey());
                    if (declared == null) {
                        if (!schema.has("additionalProperties")) {
                            violations.add(at + "." + member.getKey() + " is not in the document");
                        }
                    } else {
                        check(member.getValue(), declared, at + "." + member.getKey(), violations);
                    }
                });
            }
            if (schema.path("additionalProperties").isObject()) {
                value.properties().stream().filter(m -> !properties.has(m.getKey()))
                        .forEach(m -> check(m.getValue(), schema.path("additionalProperties"), at + "." + m.getKey(), violations));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.path("items"), at + "[" + i + "]", violations);
            }
        }
    }

    /** An allOf as one schema: the union of its parts' properties and required members (parts are objects here). */
    private JsonNode merged(JsonNode schema) {
        tools.jackson.databind.node.ObjectNode merged = JSON.createObjectNode();
        tools.jackson.databind.node.ObjectNode properties = merged.putObject("properties");
        tools.jackson.databind.node.ArrayNode required = merged.putArray("required");
        List<JsonNode> parts = new ArrayList<>();
        schema.path("allOf").forEach(parts::add);
        parts.add(schema);
        for (JsonNode part : parts) {
            JsonNode resolved = part.has("$ref") ? document.at(part.path("$ref").asString().substring(1)) : part;
            if (resolved.has("allOf") && resolved != schema) {
                resolved = merged(resolved);
            }
            resolved.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
            resolved.path("required").forEach(required::add);
            if (resolved.has("type")) {
                merged.set("type", resolved.path("type"));
            }
        }
        return merged;
    }

    private static boolean is(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }
}

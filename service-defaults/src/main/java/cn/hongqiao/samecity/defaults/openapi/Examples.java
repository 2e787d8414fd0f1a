package cn.hongqiao.samecity.defaults.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * An example for every request body and success answer that has none, made from the schema and
 * filled with the district's own data: a request whose schema is a seed record type (NewProject,
 * NewServiceItem...) is the first seed record of that set as it stands in {@code seeds/}; any other
 * member takes the first value the seeds give a member of that name (Chinese names, real codes,
 * GB/T 2260 regions), else a value its type, format or pattern allows. Deterministic, so the
 * documents stay drift-checkable.
 */
final class Examples {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ID = "6745f0c2a1b2c3d4e5f60718";
    private static final String NONE = "\u0000none";
    /** Values the seeds cannot give (no seed holds a person), by member or by schema.member. */
    private static final Map<String, Object> DEFAULTS = Map.ofEntries(Map.entry("role", "officer"),
            Map.entry("department", "红桥区政务服务办公室"), Map.entry("subject", "officer-demo"), Map.entry("officer", "officer-demo"), Map.entry("tokenType", "Bearer"),
            Map.entry("Applicant.name", "张市民"), Map.entry("Applicant.idNumber", "120106199001011234"),
            Map.entry("Applicant.creditCode", NONE), Map.entry("missing", List.of("户口簿复印件")),
            Map.entry("note", "材料齐全"), Map.entry("reference", "https://zwfw.tj.gov.cn/materials/M-0001"),
            Map.entry("creditCode", NONE),
            // who did it, and the members of records no seed holds (applications, leads, reports, ratings)
            Map.entry("by", "officer-demo"), Map.entry("reportedBy", "officer-demo"), Map.entry("closedBy", "officer-demo"),
            Map.entry("recordedBy", "officer-demo"), Map.entry("roles", List.of("officer")),
            Map.entry("itemCode", "KSTB-RS-001"), Map.entry("itemName", "企业职工基本养老保险关系转移接续"),
            Map.entry("intakeRegion", "120106"), Map.entry("handlingRegion", "120106"),
            Map.entry("title", "新能源汽车零部件区域总部"), Map.entry("company", "天津某汽车零部件有限公司"),
            Map.entry("targetChain", "智能制造"), Map.entry("summary", "与企业负责人面谈，了解办公面积和人才需求"),
            Map.entry("nextStep", "下周赴企业总部洽谈"), Map.entry("reason", "企业选址调整，暂停在本区投资"),
            Map.entry("terminationReason", "企业选址调整，暂停在本区投资"), Map.entry("message", "本年投资完成率落后计划 30 个百分点"),
            Map.entry("address", "天津市红桥区西站南广场"), Map.entry("imageProgress", "主体结构施工至第 12 层"),
            Map.entry("problems", List.of("塔吊进场审批待办")), Map.entry("resolution", "已向申请人说明办理进度并加派人手"),
            Map.entry("complaint", "等候时间较长"), Map.entry("comment", "等候时间较长"), Map.entry("period", "2025-06"),
            Map.entry("enterpriseName", "中煤北斗应用中心"), Map.entry("accessToken", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyLWRlbW8ifQ.c2lnbmF0dXJl"),
            Map.entry("Vacancy.group", "all"), Map.entry("Statistics.group", "KSTB-RS-001"),
            Map.entry("EnterpriseSummary.kindName", "央企分支机构"), Map.entry("Verification.reason", NONE),
            Map.entry("GatewaySection.reason", NONE), Map.entry("Section.reason", NONE));
    /** What a member no seed and no default fills shows; a nullable one shows null instead. */
    private static final String PLACEHOLDER = "示例";

    private final Map<String, Object> records = new HashMap<>();
    private final Map<String, Object> values = new HashMap<>();
    private final OpenAPI openApi;

    private Examples(OpenAPI openApi, Map<String, String> recordSets) {
        this.openApi = openApi;
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:seeds/*/*.json");
            java.util.Arrays.sort(files, java.util.Comparator.comparing(r -> String.valueOf(r.getFilename())));
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    JsonNode document = JSON.readTree(in);
                    JsonNode first = document.path("records").path(0);
                    recordSets.forEach((schema, set) -> {
                        if (set.equals(document.path("set").asString("")) && !first.isMissingNode()) {
                            records.putIfAbsent(schema, JSON.convertValue(first, Object.class));
                        }
                    });
                    document.path("records").forEach(this::collect);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the missing examples of the document; {@code recordSets} maps a seed record type's name to its set. */
    static void addTo(OpenAPI openApi, Map<String, String> recordSets) {
        if (openApi.getPaths() == null) {
            return;
        }
        Examples examples = new Examples(openApi, recordSets);
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getRequestBody() != null) {
                examples.fill(op.getRequestBody().getContent(), true);
            }
            if (op.getResponses() != null) {
                op.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        examples.fill(response.getContent(), false);
                    }
                });
            }
        }));
    }

    private void collect(JsonNode node) {
        node.properties().forEach(member -> {
            JsonNode value = member.getValue();
            if (value.isObject()) {
                collect(value);
            } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
                value.forEach(this::collect);
            } else if (!value.isNull()) {
                values.putIfAbsent(member.getKey(), JSON.convertValue(value, Object.class));
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private void fill(Content content, boolean request) {
        if (content == null) {
            return;
        }
        for (MediaType media : content.values()) {
            if (media.getExample() == null && media.getExamples() == null && media.getSchema() != null) {
                Schema schema = media.getSchema();
                String name = refName(schema);
                Object example = request && name != null && records.containsKey(name) ? records.get(name) : make(schema, null, 0);
                if (example != null) {
                    media.setExample(example);
                }
            }
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private Object make(Schema schema, String member, int depth) {
        return make(schema, null, member, depth);
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private Object make(Schema schema, String owner, String member, int depth) {
        if (schema == null || depth > 16) {
            return null;
        }
        String ref = refName(schema);
        if (ref != null) {
            return make(openApi.getComponents().getSchemas().get(ref), owner, member, depth + 1);
        }
        if (schema.getOneOf() != null) {
            for (Object part : schema.getOneOf()) {
                Schema option = (Schema) part;
                if (!isNull(option)) {
                    return make(option, owner, member, depth + 1);
                }
            }
            return null;
        }
        if (schema.getAllOf() != null) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object part : schema.getAllOf()) {
                if (make((Schema) part, member, depth + 1) instanceof Map<?, ?> map) {
                    merged.putAll((Map<String, Object>) map);
                }
            }
            return merged;
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            Object seeded = member == null ? null : values.get(member);
            return seeded != null && schema.getEnum().contains(seeded) ? seeded : schema.getEnum().get(0);
        }
        // a schema's own default first, then what the seeds give the member, then the member's default
        Object fixed = member == null ? null : DEFAULTS.containsKey(owner + "." + member) ? DEFAULTS.get(owner + "." + member)
                : values.containsKey(member) ? null : DEFAULTS.get(member);
        if (NONE.equals(fixed)) {
            return null;
        }
        String type = type(schema);
        if (schema.getProperties() != null || "object".equals(type)) {
            Map<String, Object> object = new LinkedHashMap<>();
            if (schema.getProperties() != null) {
                Map<String, Schema> properties = schema.getProperties();
                String self = openApi.getComponents().getSchemas().entrySet().stream().filter(e -> e.getValue() == schema)
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                properties.forEach((name, property) -> {
                    Object value = make(property, self, name, depth + 1);
                    if (nullable(property) && (PLACEHOLDER.equals(value) || List.of(PLACEHOLDER).equals(value))) {
                        value = null;
                    }
                    if (value != null || nullable(property)) {
                        object.put(name, value);
                    }
                });
                // a label beside its enum (stage and stageName): the label of the value chosen
                properties.keySet().stream().filter(name -> name.endsWith("Name") && object.containsKey(name.substring(0, name.length() - 4)))
                        .forEach(name -> label(properties.get(name.substring(0, name.length() - 4)), object.get(name.substring(0, name.length() - 4)))
                                .ifPresent(label -> object.put(name, label)));
            }
            return object;
        }
        if ("array".equals(type)) {
            Object seeded = fixed != null ? fixed : member == null ? null : values.get(member);
            if (seeded instanceof List<?> list && !list.isEmpty() && allMatch(list, schema.getItems())) {
                return list;
            }
            Object item = make(schema.getItems(), member, depth + 1);
            return item == null ? List.of() : List.of(item);
        }
        return scalar(schema, type, member, fixed);
    }

    @SuppressWarnings("rawtypes")
    private Object scalar(Schema schema, String type, String member, Object fixed) {
        Object seeded = fixed != null ? fixed : member == null ? null : values.get(member);
        switch (type == null ? "string" : type) {
            case "integer" -> {
                if (seeded instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return n.longValue();
                }
                long fallback = schema.getMinimum() != null ? schema.getMinimum().longValue() : 1L;
                return schema.getMaximum() != null ? Math.min(fallback, schema.getMaximum().longValue()) : fallback;
            }
            case "number" -> {
                if (seeded instanceof Number n) {
                    return n;
                }
                BigDecimal fallback = schema.getMinimum() != null && schema.getMinimum().signum() > 0 ? schema.getMinimum() : new BigDecimal("1250.50");
                return schema.getMaximum() != null && fallback.compareTo(schema.getMaximum()) > 0 ? schema.getMaximum() : fallback;
            }
            case "boolean" -> {
                return seeded instanceof Boolean b ? b : Boolean.TRUE;
            }
            default -> {
                String format = schema.getFormat();
                if ("date".equals(format)) {
                    return seeded instanceof String s && s.matches("\\d{4}-\\d{2}-\\d{2}") ? s : "2025-07-01";
                }
                if ("date-time".equals(format)) {
                    return "2025-07-01T01:30:00Z";
                }
                if ("uri".equals(format) || "uri-reference".equals(format)) {
                    return "/api/v1/projects/" + ID;
                }
                String pattern = schema.getPattern();
                if (seeded instanceof String s && (pattern == null || s.matches(unanchored(pattern)))) {
                    return s;
                }
                if (member != null && (member.equals("id") || member.endsWith("Id")) || pattern != null && pattern.contains("[0-9a-f]{24}")) {
                    return ID;
                }
                if (pattern != null) {
                    for (String candidate : List.of("120106", "2025-06", "HQ-PRJ-001", "apply-20251120-7f3a9c", "\"3\"")) {
                        if (candidate.matches(unanchored(pattern))) {
                            return candidate;
                        }
                    }
                }
                return PLACEHOLDER;
            }
        }
    }

    /** The Chinese label of an enum value, when the enum's schema lists them. */
    @SuppressWarnings("rawtypes")
    private java.util.Optional<Object> label(Schema property, Object value) {
        Schema schema = property;
        if (schema != null && schema.getOneOf() != null) {
            schema = (Schema) ((List<?>) schema.getOneOf()).stream().filter(p -> !isNull((Schema) p)).findFirst().orElse(null);
        }
        String ref = schema == null ? null : refName(schema);
        Schema target = ref == null ? schema : openApi.getComponents().getSchemas().get(ref);
        if (target == null || target.getEnum() == null || target.getExtensions() == null
                || !(target.getExtensions().get("x-enum-descriptions") instanceof List<?> labels)) {
            return java.util.Optional.empty();
        }
        int index = target.getEnum().indexOf(value);
        return index >= 0 && index < labels.size() ? java.util.Optional.of(labels.get(index)) : java.util.Optional.empty();
    }

    @SuppressWarnings("rawtypes")
    private boolean allMatch(List<?> list, Schema items) {
        String type = items == null ? null : type(items);
        return items != null && refName(items) == null && items.getEnum() == null
                && list.stream().allMatch(v -> "string".equals(type) ? v instanceof String
                        : ("integer".equals(type) || "number".equals(type)) && v instanceof Number);
    }

    private static String unanchored(String pattern) {
        String p = pattern.startsWith("^") ? pattern.substring(1) : pattern;
        return p.endsWith("$") ? p.substring(0, p.length() - 1) : p;
    }

    @SuppressWarnings("rawtypes")
    private static String refName(Schema schema) {
        String ref = schema.get$ref();
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("rawtypes")
    private static String type(Schema schema) {
        if (schema.getTypes() != null) {
            for (Object t : schema.getTypes()) {
                if (!"null".equals(t)) {
                    return String.valueOf(t);
                }
            }
        }
        return schema.getType();
    }

    @SuppressWarnings("rawtypes")
    private static boolean isNull(Schema schema) {
        return schema.getTypes() != null && schema.getTypes().size() == 1 && schema.getTypes().contains("null");
    }

    @SuppressWarnings("rawtypes")
    private static boolean nullable(Schema schema) {
        return schema.getTypes() != null && schema.getTypes().contains("null")
                || schema.getOneOf() != null && ((List<?>) schema.getOneOf()).stream().anyMatch(p -> isNull((Schema) p));
    }
}

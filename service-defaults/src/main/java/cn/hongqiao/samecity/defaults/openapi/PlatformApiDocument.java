package cn.hongqiao.samecity.defaults.openapi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.hongqiao.samecity.defaults.problem.ProblemCatalogue;
import cn.hongqiao.samecity.defaults.problem.ProblemMessages;
import cn.hongqiao.samecity.defaults.problem.Problems;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.defaults.web.Sortable;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.providers.JavadocProvider;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * The platform's API contract, written into each OpenAPI document from the code: for every
 * operation its security (bearer JWT and the roles its {@code @PreAuthorize} names, or
 * {@code security: []} when public), its success status and headers ({@link Answers}), every
 * problem it can answer as {@code application/problem+json} with their codes (inferred from the
 * method: a body, parameters, path variables, {@code If-Match}, roles; plus {@link Answers#problems()}),
 * the limits of paging parameters, and {@code If-Match} and {@code Idempotency-Key} with their
 * patterns; for the document the {@code Problem} schema and each tag's description from its
 * controller's Javadoc.
 */
public class PlatformApiDocument implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    public static final String BEARER = OpenApiAutoConfiguration.BEARER;
    public static final String PROBLEM = "Problem";
    static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENCY_KEY_PATTERN = "^[A-Za-z0-9._:-]{8,100}$";
    static final String IF_MATCH_PATTERN = "^(\\*|(W/)?\"[0-9]+\"(\\s*,\\s*(W/)?\"[0-9]+\")*)$";
    private static final Pattern ROLE = Pattern.compile("has(?:Any)?Role\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_]+)'");

    private final ProblemMessages messages;
    private final JavadocProvider javadoc;
    private final Map<String, String> seedRecordSets;
    private final Map<String, String> tagDescriptions = new ConcurrentHashMap<>();

    /** @param seedRecordSets the seed record types' schema names and their sets, for request examples ({@link Examples}) */
    public PlatformApiDocument(ProblemMessages messages, JavadocProvider javadoc, Map<String, String> seedRecordSets) {
        this.messages = messages;
        this.javadoc = javadoc;
        this.seedRecordSets = Map.copyOf(seedRecordSets);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        operation.setSummary(markdown(operation.getSummary()));
        operation.setDescription(markdown(operation.getDescription()));
        describeTags(operation, handler);
        Method method = handler.getMethod();
        Answers answers = AnnotatedElementUtils.findMergedAnnotation(method, Answers.class);
        List<String> roles = roles(handler);
        secure(operation, roles);
        jsonOnly(operation);
        success(operation, answers);
        parameters(operation, handler);
        problems(operation, roles, answers);
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        openApi.getComponents().addSchemas("FieldError", new ObjectSchema()
                .description("One invalid field: its name as the API spells it ($ for the body itself) and the message, in the caller's language.")
                .addProperty("field", new StringSchema().example("name"))
                .addProperty("message", new StringSchema().example("不能为空"))
                .required(List.of("field", "message")));
        answeredInFull(openApi);
        Examples.addTo(openApi, seedRecordSets);
        Map<String, Tag> tags = new TreeMap<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                if (op.getTags() != null) {
                    op.getTags().forEach(name -> tags.computeIfAbsent(name,
                            n -> new Tag().name(n).description(tagDescriptions.getOrDefault(n, n))));
                }
            }));
        }
        openApi.setTags(new ArrayList<>(tags.values()));
    }

    /**
     * A schema only ever answered (never sent) has every property required: the platform writes
     * every member of its answers, null or not (nullable ones say so, see {@link NullableProperties}).
     * Schemas also sent in requests keep the requirements their validation states.
     */
    @SuppressWarnings("rawtypes")
    private static void answeredInFull(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Set<String> answered = new java.util.HashSet<>();
        Set<String> sent = new java.util.HashSet<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getResponses() != null) {
                op.getResponses().values().forEach(r -> reach(r.getContent(), schemas, answered));
            }
            if (op.getRequestBody() != null) {
                reach(op.getRequestBody().getContent(), schemas, sent);
            }
        }));
        schemas.values().forEach(PlatformApiDocument::itemsNeverNull);
        answered.removeAll(sent);
        answered.remove(PROBLEM);
        for (String name : answered) {
            Schema schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                schema.setRequired(new ArrayList<>(new java.util.TreeSet<String>(schema.getProperties().keySet())));
            }
        }
    }

    /** The platform's lists never hold null: an array's items are not nullable, whatever their Java type. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void itemsNeverNull(Schema schema) {
        if (schema == null) {
            return;
        }
        Schema items = schema.getItems();
        if (items != null && items.getOneOf() != null && items.getOneOf().size() == 2) {
            List<Schema> parts = items.getOneOf();
            Schema nonNull = parts.stream().filter(p -> p.getTypes() == null || !p.getTypes().contains("null")).findFirst().orElse(null);
            if (nonNull != null) {
                schema.setItems(nonNull);
            }
        } else if (items != null && items.getTypes() != null && items.getTypes().size() > 1) {
            items.getTypes().remove("null");
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(PlatformApiDocument::itemsNeverNull);
        }
    }

    @SuppressWarnings("rawtypes")
    private static void reach(Content content, Map<String, Schema> schemas, Set<String> names) {
        if (content != null) {
            content.values().forEach(media -> reach(media.getSchema(), schemas, names));
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void reach(Schema schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                reach(schemas.get(name), schemas, names);
            }
            return;
        }
        reach(schema.getItems(), schemas, names);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            reach(additional, schemas, names);
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> reach(p, schemas, names));
        }
        for (List<Schema> parts : new List[] { schema.getAllOf(), schema.getOneOf(), schema.getAnyOf() }) {
            if (parts != null) {
                parts.forEach(p -> reach(p, schemas, names));
            }
        }
    }

    /**
     * Javadoc as Markdown: {@code <code>} as backticks, and its wrapped lines joined (a blank line
     * still starts a paragraph).
     */
    private static String markdown(String text) {
        return text == null ? null
                : text.replaceAll("<code>(.*?)</code>", "`$1`").replaceAll("(?<!\\n)[ \\t]*\\n(?!\\n)[ \\t]*", " ").trim();
    }

    private void describeTags(Operation operation, HandlerMethod handler) {
        if (javadoc == null || operation.getTags() == null) {
            return;
        }
        String description = javadoc.getClassJavadoc(handler.getBeanType());
        if (description != null && !description.isBlank()) {
            operation.getTags().forEach(tag -> tagDescriptions.putIfAbsent(tag, markdown(description.trim())));
        }
    }

    /** The roles an endpoint's {@code @PreAuthorize} names; empty for one any signed-in caller may use; null when public. */
    static List<String> roles(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        Matcher calls = ROLE.matcher(rule.value());
        while (calls.find()) {
            Matcher names = QUOTED.matcher(calls.group(1));
            while (names.find()) {
                roles.add(names.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new ArrayList<>(roles);
    }

    private static void secure(Operation operation, List<String> roles) {
        if (roles == null) {
            operation.setSecurity(new ArrayList<>()); // public: no token needed
            return;
        }
        operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        operation.addExtension("x-roles", roles.isEmpty() ? List.of("*") : roles);
        String who = roles.isEmpty() ? "any signed-in user but an auditor (what each sees is said above)" : String.join(", ", roles);
        operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                + "**Who**: " + who + ".");
    }

    private static void jsonOnly(Operation operation) {
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> retype(response.getContent()));
        }
        if (operation.getRequestBody() != null) {
            retype(operation.getRequestBody().getContent());
        }
    }

    private static void retype(Content content) {
        if (content != null && content.containsKey("*/*")) {
            content.addMediaType(JSON, content.remove("*/*"));
        }
    }

    private static void success(Operation operation, Answers answers) {
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses == null ? null : responses.get("200");
        if (ok == null) {
            return;
        }
        int status = answers == null ? 200 : answers.status();
        ok.setDescription(HttpStatus.valueOf(status).getReasonPhrase());
        if (status != 200) {
            responses.remove("200");
            responses.addApiResponse(String.valueOf(status), ok);
        }
        if (answers == null) {
            return;
        }
        for (String header : answers.headers()) {
            ok.addHeaderObject(header, switch (header) {
                case Answers.LOCATION -> new Header().description("The address of the resource created.")
                        .schema(new StringSchema().format("uri-reference"));
                case Answers.ETAG -> new Header().description("The resource's version; send it back in If-Match to change it.")
                        .schema(new StringSchema().pattern("^\"[0-9]+\"$").example("\"3\""));
                default -> new Header().schema(new StringSchema());
            });
        }
        for (int also : answers.alsoStatus()) {
            responses.addApiResponse(String.valueOf(also), new ApiResponse().description(HttpStatus.valueOf(also).getReasonPhrase())
                    .content(ok.getContent()).headers(ok.getHeaders()));
        }
    }

    private static void parameters(Operation operation, HandlerMethod handler) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            String name = parameter.getName();
            if ("query".equals(parameter.getIn()) && "sort".equals(name)) {
                sortable(handler).ifPresent(fields -> {
                    List<String> values = new ArrayList<>();
                    for (String field : fields) {
                        values.addAll(List.of(field, field + ",asc", field + ",desc"));
                    }
                    parameter.description("The order: a field, ascending unless followed by ,desc.")
                            .schema(new StringSchema()._enum(values));
                });
            }
            if ("header".equals(parameter.getIn()) && HttpHeaders.IF_MATCH.equalsIgnoreCase(name)) {
                parameter.description(Boolean.TRUE.equals(parameter.getRequired())
                        ? "The ETag read; required, so that a change made since is not overwritten (428 without it, 412 when stale)."
                        : "The ETag read, to refuse the change if someone changed the resource since (412).")
                        .schema(new StringSchema().pattern(IF_MATCH_PATTERN).example("\"3\""));
            } else if ("header".equals(parameter.getIn()) && IDEMPOTENCY_KEY.equalsIgnoreCase(name)) {
                parameter.required(true).description("One key per submission, kept across retries and double clicks: the same key "
                        + "and body answer the same resource (200), the same key with another body is 422.")
                        .schema(new StringSchema().pattern(IDEMPOTENCY_KEY_PATTERN).example("apply-20251120-7f3a9c"));
            } else if ("query".equals(parameter.getIn()) && "page".equals(name)) {
                parameter.description("The page, from 0.").schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)._default(0));
            } else if ("query".equals(parameter.getIn()) && "size".equals(name)) {
                parameter.description("Items per page.").schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(Paging.MAX_SIZE))._default(Paging.DEFAULT_SIZE));
            }
        }
    }

    private static java.util.Optional<String[]> sortable(HandlerMethod handler) {
        for (org.springframework.core.MethodParameter parameter : handler.getMethodParameters()) {
            Sortable sortable = parameter.getParameterAnnotation(Sortable.class);
            if (sortable != null) {
                return java.util.Optional.of(sortable.value());
            }
        }
        return java.util.Optional.empty();
    }

    private void problems(Operation operation, List<String> roles, Answers answers) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        Set<String> codes = new LinkedHashSet<>();
        if (body || parameters.stream().anyMatch(p -> !"path".equals(p.getIn()))) {
            codes.add("invalid-request");
        }
        if (roles != null) {
            codes.add("authentication-required");
        }
        codes.add("invalid-token"); // a public read with a bad token is refused too
        // a role the operation does not name; and on any operation, public reads included, an auditor's
        // token (the auditor reads the audit trails and nothing else)
        codes.add("forbidden");
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            codes.add("not-found");
        }
        parameters.stream().filter(p -> "header".equals(p.getIn()) && HttpHeaders.IF_MATCH.equalsIgnoreCase(p.getName()))
                .findFirst().ifPresent(ifMatch -> {
                    codes.add("stale-version");
                    if (Boolean.TRUE.equals(ifMatch.getRequired())) {
                        codes.add("precondition-required");
                    }
                });
        if (body) {
            codes.add("body-too-large");
            codes.add("unsupported-media-type");
        }
        if (answers != null) {
            codes.addAll(List.of(answers.problems()));
        }
        Map<Integer, List<String>> byStatus = new TreeMap<>();
        for (String code : codes) {
            Integer status = messages.statusOf(code);
            if (status == null) {
                throw new IllegalStateException("Problem code '" + code + "' is not in the catalogue (problem." + code + ".status)");
            }
            byStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(code);
        }
        byStatus.forEach((status, group) -> operation.getResponses().addApiResponse(String.valueOf(status), problemResponse(group)));
    }

    /**
     * A problem answer listing its codes with their titles, and an example of the first, as the caller
     * would see it by default.
     */
    public ApiResponse problemResponse(List<String> codes) {
        StringBuilder description = new StringBuilder(codes.size() == 1 ? "Problem " : "Problems ");
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            description.append(i == 0 ? "" : "; ").append('`').append(code).append("` ")
                    .append(messages.titleOf(code, ProblemMessages.CHINESE)).append(" / ").append(messages.titleOf(code, ProblemMessages.ENGLISH));
        }
        description.append(". See docs/problems/.");
        String first = codes.get(0);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problems.TYPE_BASE + first);
        example.put("title", messages.titleOf(first, ProblemMessages.CHINESE));
        example.put("status", messages.statusOf(first));
        String arguments = messages.text("problem." + first + "." + ProblemCatalogue.EXAMPLE_ARGUMENTS, ProblemMessages.CHINESE);
        example.put("detail", messages.text(ProblemMessages.detailKey(first), ProblemMessages.CHINESE,
                arguments.startsWith("problem.") ? new Object[0] : (Object[]) arguments.split("\\|")));
        example.put("code", first);
        example.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        ApiResponse response = new ApiResponse().description(description.toString())
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)).example(example)));
        response.addExtension("x-problem-codes", codes);
        return response;
    }

    /** The problem answered on the wire (RFC 9457 and the platform's members). */
    static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem, as every error of the platform is answered. Branch on code; show title and "
                        + "detail (in the caller's language: zh-CN by default, en on request); quote traceId.")
                .addProperty("type", new StringSchema().format("uri").description("The problem type: the catalogue base and the code."))
                .addProperty("title", new StringSchema().description("What went wrong, in a few words."))
                .addProperty("status", new IntegerSchema().description("The HTTP status."))
                .addProperty("detail", new StringSchema().description("What went wrong here, and what to do."))
                .addProperty("instance", new StringSchema().format("uri-reference").description("The path of the request."))
                .addProperty("code", new StringSchema().description("The stable problem code to branch on (docs/problems/)."))
                .addProperty("traceId", new StringSchema().description("The trace id of the request: quote it to find its logs."))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("400 invalid-request: each invalid field and why."))
                .addProperty("allowed", new ArraySchema().items(new StringSchema())
                        .description("409 refused moves: the stages or statuses that would be allowed."))
                .addProperty("currentStage", new StringSchema().description("409 refused moves of a project or lead: its stage."))
                .addProperty("currentStatus", new StringSchema().description("409 refused actions: the current status."))
                .addProperty("unitStatus", new StringSchema().description("409 unit-held-by-another: the unit's status."))
                .addProperty("unitId", new StringSchema().description("409 of settlement: the unit concerned."))
                .addProperty("expectedSequence", new IntegerSchema().minimum(java.math.BigDecimal.ONE)
                        .description("409 exchange-message-early: the sequence number the receiver applies next."))
                .addProperty("service", new StringSchema().description("503 service-unavailable: the service that could not answer."))
                .addProperty("reason", new StringSchema()._enum(List.of("timeout", "circuit-open", "failed-response", "unreachable",
                        "malformed-response")).description("503 service-unavailable: why it could not answer."))
                .required(List.of("type", "title", "status", "code"));
    }
}

package cn.hongqiao.samecity.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import cn.hongqiao.samecity.testsupport.ApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the start command's launcher brings up the four processes from the built jars,
 * a portal walks a scenario through the gateway only, and stopping the launcher leaves no
 * process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    static final Path ROOT = Launched.ROOT;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ApiContract CONTRACT = ApiContract.of(ROOT.resolve("docs/openapi/platform.json"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Launched platform;
    static Process launcher;
    static List<ProcessHandle> platformProcesses;
    static List<String> output;
    static String gateway;
    /** Where every process sends its spans (OTEL_EXPORTER_OTLP_ENDPOINT), as to a real OpenTelemetry backend. */
    static OtlpReceiver traces;
    /** Debian's Prometheus scraping the four processes from the start, as the ServiceMonitor would in the cluster. */
    static LocalPrometheus prometheus;

    @BeforeAll
    static void startThePlatform() throws Exception {
        traces = new OtlpReceiver();
        // services stopped on purpose below stay stopped (restarts: SupervisionIT)
        platform = Launched.start(java.util.Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint()), "--max-restarts=0");
        launcher = platform.launcher;
        output = platform.output;
        gateway = platform.gateway;
        platformProcesses = launcher.descendants().toList();
        if (LocalPrometheus.installed()) {
            int base = java.net.URI.create(gateway).getPort();
            prometheus = LocalPrometheus.scraping(java.util.Map.of("gateway", base, "projects-service", base + 1,
                    "enterprise-service", base + 2, "services-service", base + 3));
        }
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (traces != null) {
            traces.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    @Order(10)
    void fourProcessesAndThePartnersSimulatedSystemsAreRunning() {
        assertThat(platformProcesses).as("three services, the gateway, WireMock playing the partner regions")
                .hasSize(5).allMatch(ProcessHandle::isAlive);
        assertThat(output).anyMatch(l -> l.contains("Partner") && l.contains("110106") && l.contains("(simulated)"));
        assertThat(output).anyMatch(l -> l.contains("Swagger UI") && l.contains("/swagger-ui.html"));
    }

    @Test
    @Order(20)
    void aPortalReadsEachServiceThroughTheGateway() throws Exception {
        JsonNode south = getJson("/api/v1/projects?zone=WEST_STATION_SOUTH");
        assertThat(south.findValuesAsString("name")).contains("西站南项目", "西站南广场");
        assertThat(getJson("/api/v1/service-items?partnerRegion=110106").path("totalItems").asInt()).isPositive();
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/enterprises")).GET()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/api-docs/projects-service")).GET()).body()).contains("/api/v1/projects");
    }

    /**
     * Every read of the platform document, on the district's seeded data, as an admin: each answer
     * keeps the document (see {@link #send}), so what it says is required or never null holds on
     * real records, not only on the records the services' own tests make. A path's ids are taken
     * from the first item of its collection.
     */
    @Test
    @Order(22)
    void everyReadOnTheSeededDataKeepsThePlatformDocument() throws Exception {
        String admin = token("admin");
        JsonNode document = JSON.readTree(Files.readString(ROOT.resolve("docs/openapi/platform.json")));
        List<String> read = new ArrayList<>();
        for (String template : document.path("paths").propertyNames()) {
            if (!document.path("paths").path(template).has("get")) {
                continue;
            }
            String path = fill(template, admin);
            if (path != null) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + admin).GET());
                assertThat(answer.statusCode()).as(path + " " + answer.body()).isLessThan(500);
                read.add(path);
            }
        }
        assertThat(read).as("reads walked").hasSizeGreaterThan(30);
    }

    /** {@code template} with each {param} replaced by the id of the first item of the collection before it; null when none. */
    private static String fill(String template, String token) throws Exception {
        String path = template;
        int open;
        while ((open = path.indexOf('{')) >= 0) {
            String collection = path.substring(0, open - 1);
            HttpResponse<String> list = send(HttpRequest.newBuilder(uri(collection)).header("Authorization", "Bearer " + token).GET());
            JsonNode first = list.statusCode() == 200 ? JSON.readTree(list.body()).path("items").path(0) : null;
            if (first == null || !first.path("id").isString()) {
                return null;
            }
            path = collection + "/" + first.path("id").asString() + path.substring(path.indexOf('}', open) + 1);
        }
        return path;
    }

    @Test
    @Order(25)
    void errorsThroughTheGatewayCarryTheirCodeAndSpeakChineseByDefault() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/api/v1/projects/000000000000000000000000")).GET());
        assertProblem(missing, 404, "not-found", "未找到");
        assertThat(JSON.readTree(missing.body()).path("detail").asString()).isEqualTo("未找到项目“000000000000000000000000”。");
        HttpResponse<String> english = send(HttpRequest.newBuilder(uri("/api/v1/projects/000000000000000000000000"))
                .header("Accept-Language", "en").GET());
        assertProblem(english, 404, "not-found", "Not found");

        HttpResponse<String> invalid = send(post("/api/v1/projects", "{\"code\": \"HQ-E2E-400\"}")
                .header("Authorization", "Bearer " + token("officer")));
        assertProblem(invalid, 400, "invalid-request", "请求参数有误");
        assertThat(JSON.readTree(invalid.body()).path("errors").findValuesAsString("message")).contains("不能为空");

        JsonNode planned = getJson("/api/v1/projects?stage=PREPARATION&size=1").path("items").get(0);
        HttpResponse<String> illegal = send(post("/api/v1/projects/" + planned.path("id").asString() + "/stage-transitions",
                "{\"targetStage\": \"IN_USE\", \"date\": \"2025-01-01\"}").header("Authorization", "Bearer " + token("officer")));
        assertProblem(illegal, 409, "illegal-stage-transition", "不允许的阶段变更");
        assertThat(JSON.readTree(illegal.body()).path("allowed").get(0).asString()).isEqualTo("UNDER_CONSTRUCTION");

        // refused by the service's Tomcat (an encoded slash) and by the gateway's Netty (an over-long URI) before any code runs
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/projects/a%2Fb")).GET()), 400, "bad-request", "无法解析的请求");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/projects?name=" + "x".repeat(10_000))).GET()), 414, "uri-too-long",
                "请求地址过长");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String title) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("https://samecity.hongqiao.tj.cn/problems/" + code);
        assertThat(problem.path("title").asString()).isEqualTo(title);
    }

    @Test
    @Order(30)
    void anOfficerRegistersAProjectAndAnEnterpriseWithADemoToken() throws Exception {
        String officer = token("officer");
        HttpResponse<String> created = send(post("/api/v1/projects", """
                {"code": "HQ-E2E-001", "name": "端到端测试项目", "zone": "CORE_BUSINESS", "category": "COMMERCIAL",
                 "totalInvestment": 1000.00}
                """).header("Authorization", "Bearer " + officer));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(gateway + "/api/v1/projects/");
        assertThat(getJson(URI.create(location).getPath()).path("name").asString()).isEqualTo("端到端测试项目");

        HttpResponse<String> badCode = send(post("/api/v1/enterprises", """
                {"creditCode": "91350100M000100Y44", "name": "校验码错误的企业", "kind": "PRIVATE"}
                """).header("Authorization", "Bearer " + officer));
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badCode.body()).path("errors").get(0).path("field").asString()).isEqualTo("creditCode");

        HttpResponse<String> enterprise = send(post("/api/v1/enterprises", """
                {"creditCode": "91350100M000100Y43", "name": "端到端测试企业", "kind": "PRIVATE", "originRegion": "110000"}
                """).header("Authorization", "Bearer " + officer));
        assertThat(enterprise.statusCode()).as(enterprise.body()).isEqualTo(201);
    }

    @Test
    @Order(40)
    void aPlannerWalksAProjectThroughItsStagesAndWatchesItsWarning() throws Exception {
        String officer = token("officer");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        HttpResponse<String> created = send(post("/api/v1/projects", """
                {"code": "HQ-E2E-010", "name": "端到端西站西项目", "zone": "WEST_STATION_WEST", "category": "COMMERCIAL",
                 "plannedStart": "%s"}
                """.formatted(today.minusMonths(1))).header("Authorization", "Bearer " + officer));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        // planned start a month ago, still 谋划储备: yellow
        assertThat(getJson(path).path("warning").path("colour").asString()).isEqualTo("YELLOW");

        HttpResponse<String> illegal = send(post(path + "/stage-transitions",
                "{\"targetStage\": \"IN_USE\", \"date\": \"" + today + "\"}").header("Authorization", "Bearer " + officer));
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(illegal.body()).path("allowed").get(0).asString()).isEqualTo("PREPARATION");

        // the planned start moves four months back: red
        HttpResponse<String> revised = send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + officer).header("If-Match", "\"0\"")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name": "端到端西站西项目", "zone": "WEST_STATION_WEST", "category": "COMMERCIAL", "plannedStart": "%s"}
                        """.formatted(today.minusMonths(4)), StandardCharsets.UTF_8)));
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        assertThat(getJson(path).path("warning").path("colour").asString()).isEqualTo("RED");
        assertThat(getJson("/api/v1/warnings?colour=RED").findValuesAsString("code")).contains("HQ-E2E-010");

        for (String stage : new String[] { "PREPARATION", "UNDER_CONSTRUCTION" }) {
            HttpResponse<String> moved = send(post(path + "/stage-transitions",
                    "{\"targetStage\": \"" + stage + "\", \"date\": \"" + today + "\"}").header("Authorization", "Bearer " + officer));
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        }
        JsonNode started = getJson(path);
        assertThat(started.path("stage").asString()).isEqualTo("UNDER_CONSTRUCTION");
        assertThat(started.path("actualStart").asString()).isEqualTo(today.toString());
        assertThat(started.path("warning").path("colour").asString()).as("started: the milestone is met").isEqualTo("GREEN");
        assertThat(started.path("settledEnterprises").path("available").asBoolean()).isTrue();
        assertThat(getJson("/api/v1/projects?zone=WEST_STATION_WEST&stage=UNDER_CONSTRUCTION").findValuesAsString("code"))
                .contains("HQ-E2E-010");

        java.time.YearMonth lastMonth = java.time.YearMonth.from(today).minusMonths(1);
        HttpResponse<String> plan = send(HttpRequest.newBuilder(uri(path + "/annual-plans/" + lastMonth.getYear()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + officer)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"plannedInvestment\": 1200}")));
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        HttpResponse<String> report = send(post(path + "/dispatch-reports",
                "{\"period\": \"" + lastMonth + "\", \"investmentCompleted\": 100.50, \"workersOnSite\": 80}")
                .header("Authorization", "Bearer " + officer));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
        assertThat(JSON.readTree(report.body()).path("yearToDate").decimalValue()).isEqualByComparingTo("100.50");
    }

    @Test
    @Order(50)
    void buildingsUnitsAndVacancyAreVisibleAndAUnitIsHeldByOneEnterprise() throws Exception {
        String officer = token("officer");
        String base = getJson("/api/v1/projects?name=工业软件").path("items").get(0).path("id").asString();
        JsonNode buildings = getJson("/api/v1/projects/" + base + "/buildings").path("items");
        assertThat(buildings.size()).isEqualTo(12);
        JsonNode vacant = getJson("/api/v1/units?projectId=" + base + "&status=VACANT&size=1");
        String unit = vacant.path("items").get(0).path("id").asString();
        long vacantBefore = getJson("/api/v1/vacancy?by=project").path("items").get(0).path("vacantUnits").asLong();

        HttpResponse<String> reserved = send(post("/api/v1/units/" + unit + "/reservation", "{\"enterpriseId\": \"ent-e2e-a\"}")
                .header("Authorization", "Bearer " + officer));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(200);
        HttpResponse<String> taken = send(post("/api/v1/units/" + unit + "/reservation", "{\"enterpriseId\": \"ent-e2e-b\"}")
                .header("Authorization", "Bearer " + officer));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(getJson("/api/v1/vacancy?by=project").path("items").get(0).path("vacantUnits").asLong()).isEqualTo(vacantBefore - 1);
        assertThat(getJson("/api/v1/project-statistics").path("byZone").path("CORE_BUSINESS").asLong()).isPositive();
    }

    @Test
    @Order(60)
    void anOfficerSettlesAnEnterpriseIntoASeededUnitAndLandsALead() throws Exception {
        String officer = token("officer");
        String base = getJson("/api/v1/projects?name=工业软件").path("items").get(0).path("id").asString();
        String unit = getJson("/api/v1/units?projectId=" + base + "&status=VACANT&size=1").path("items").get(0).path("id").asString();
        HttpResponse<String> registered = send(post("/api/v1/enterprises", """
                {"creditCode": "911100001000128855", "name": "端到端工业软件企业", "kind": "PRIVATE", "originRegion": "110108",
                 "industryChains": ["工业软件"]}
                """).header("Authorization", "Bearer " + officer));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String enterprise = JSON.readTree(registered.body()).path("id").asString();

        HttpResponse<String> lead = send(post("/api/v1/leads", """
                {"title": "工业软件区域总部", "company": "端到端工业软件企业", "channel": "INDUSTRY_CHAIN", "targetChain": "工业软件",
                 "intendedInvestment": 3000.00, "spaceNeeded": 400}
                """).header("Authorization", "Bearer " + officer));
        assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
        String leadPath = URI.create(lead.headers().firstValue("Location").orElseThrow()).getPath();
        for (String stage : new String[] { "NEGOTIATING", "SIGNED" }) {
            assertThat(send(post(leadPath + "/stage-transitions", "{\"targetStage\": \"" + stage + "\"}")
                    .header("Authorization", "Bearer " + officer)).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> tooEarly = send(post(leadPath + "/stage-transitions",
                "{\"targetStage\": \"LANDED\", \"enterpriseId\": \"" + enterprise + "\"}").header("Authorization", "Bearer " + officer));
        assertThat(tooEarly.statusCode()).as("not settled yet").isEqualTo(400);

        HttpResponse<String> settled = send(post("/api/v1/enterprises/" + enterprise + "/settlement", "{\"unitId\": \"" + unit + "\"}")
                .header("Authorization", "Bearer " + officer));
        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
        assertThat(JSON.readTree(settled.body()).path("settlement").path("projectId").asString()).isEqualTo(base);
        JsonNode held = getJson("/api/v1/units/" + unit);
        assertThat(held.path("status").asString()).isEqualTo("OCCUPIED");
        assertThat(held.path("holder").path("enterpriseId").asString()).isEqualTo(enterprise);
        assertThat(getJson("/api/v1/projects/" + base).path("settledEnterprises").findValuesAsString("name")).contains("端到端工业软件企业");

        HttpResponse<String> landed = send(post(leadPath + "/stage-transitions",
                "{\"targetStage\": \"LANDED\", \"enterpriseId\": \"" + enterprise + "\"}").header("Authorization", "Bearer " + officer));
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(201);
        HttpResponse<String> funnel = send(HttpRequest.newBuilder(uri("/api/v1/leads/funnel?channel=INDUSTRY_CHAIN"))
                .header("Authorization", "Bearer " + officer).GET());
        assertThat(JSON.readTree(funnel.body()).path("atStage").path("LANDED").asInt()).isGreaterThanOrEqualTo(1);
    }

    /**
     * One portal request, followed across the processes in what they export over OTLP: the gateway's
     * span, projects-service's under it, and under that the Feign call to enterprise-service (for the
     * enterprises settled in the project) with enterprise-service's own span as its child.
     */
    @Test
    @Order(61)
    void aPortalRequestIsOneTraceFromTheGatewayThroughTheServiceToItsPeer() throws Exception {
        String project = getJson("/api/v1/projects?name=工业软件").path("items").get(0).path("id").asString();
        long sent = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - 1); // this request's trace, not an earlier one's
        assertThat(getJson("/api/v1/projects/" + project).path("settledEnterprises").path("available").asBoolean())
                .as("the peer answered").isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // the exporters send in batches, every few seconds
        List<OtlpReceiver.Span> trace = List.of();
        while (System.nanoTime() < deadline) {
            List<OtlpReceiver.Span> spans = traces.spans();
            String traceId = spans.stream().filter(s -> s.service().equals("gateway") && s.kind() == OtlpReceiver.Span.SERVER
                    && s.startNanos() >= sent && s.attributes().getOrDefault("http.url", "").endsWith("/api/v1/projects/" + project)).map(OtlpReceiver.Span::traceId)
                    .findFirst().orElse(null);
            trace = traceId == null ? List.of() : spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
            // each process sends its own batches: wait for all three, and for the Feign call's span
            List<OtlpReceiver.Span> found = trace;
            boolean projectsServed = found.stream().anyMatch(s -> s.service().equals("projects-service") && s.kind() == OtlpReceiver.Span.SERVER);
            boolean peerCalled = found.stream().filter(s -> s.service().equals("enterprise-service") && s.kind() == OtlpReceiver.Span.SERVER)
                    .anyMatch(peer -> found.stream().anyMatch(s -> s.spanId().equals(peer.parentSpanId())));
            if (projectsServed && peerCalled) {
                break;
            }
            Thread.sleep(500);
        }
        String all = OtlpReceiver.describe(trace.isEmpty() ? traces.spans() : trace);
        assertThat(traces.refused()).as("only trace exports, at /v1/traces").isEmpty();
        OtlpReceiver.Span gatewaySpan = trace.stream().filter(s -> s.service().equals("gateway") && s.kind() == OtlpReceiver.Span.SERVER)
                .findFirst().orElseThrow(() -> new AssertionError("no gateway span for the request:\n" + all));
        OtlpReceiver.Span service = trace.stream().filter(s -> s.service().equals("projects-service") && s.kind() == OtlpReceiver.Span.SERVER)
                .findFirst().orElseThrow(() -> new AssertionError("no projects-service span in the trace:\n" + all));
        assertThat(descends(service, gatewaySpan, trace)).as("projects-service's span under the gateway's:%n%s", all).isTrue();
        OtlpReceiver.Span peer = trace.stream().filter(s -> s.service().equals("enterprise-service") && s.kind() == OtlpReceiver.Span.SERVER)
                .findFirst().orElseThrow(() -> new AssertionError("no enterprise-service span in the trace:\n" + all));
        OtlpReceiver.Span feign = trace.stream().filter(s -> s.spanId().equals(peer.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("enterprise-service's span has no parent in the trace:\n" + all));
        assertThat(feign.service()).as("the caller of enterprise-service:%n%s", all).isEqualTo("projects-service");
        assertThat(feign.kind()).as("a client span (the Feign call):%n%s", all).isEqualTo(OtlpReceiver.Span.CLIENT);
        assertThat(descends(feign, service, trace)).as("the Feign call within projects-service's request:%n%s", all).isTrue();
    }

    /** Whether {@code span} is {@code ancestor} or below it, following parents within {@code trace}. */
    private static boolean descends(OtlpReceiver.Span span, OtlpReceiver.Span ancestor, List<OtlpReceiver.Span> trace) {
        for (OtlpReceiver.Span at = span; at != null; ) {
            if (at.spanId().equals(ancestor.spanId())) {
                return true;
            }
            String parent = at.parentSpanId();
            at = trace.stream().filter(s -> s.spanId().equals(parent)).findFirst().orElse(null);
        }
        return false;
    }

    @Test
    @Order(65)
    void aCitizenAppliesWithFengtaiAndTheDeskHandlesItThroughTheGateway() throws Exception {
        JsonNode items = getJson("/api/v1/service-items?partnerRegion=110106&name=异地就医");
        JsonNode item = items.path("items").get(0);
        String department = item.path("department").asString();
        String citizen = token("citizen");
        String submission = """
                {"itemId": "%s", "intakeRegion": "120106",
                 "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "120106199001011234"}}
                """.formatted(item.path("id").asString());
        HttpResponse<String> first = send(post("/api/v1/applications", submission).header("Authorization", "Bearer " + citizen)
                .header("Idempotency-Key", "e2e-application-1"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = send(post("/api/v1/applications", submission).header("Authorization", "Bearer " + citizen)
                .header("Idempotency-Key", "e2e-application-1"));
        assertThat(again.statusCode()).isEqualTo(200);
        String id = JSON.readTree(first.body()).path("id").asString();
        assertThat(JSON.readTree(again.body()).path("id").asString()).isEqualTo(id);
        assertThat(JSON.readTree(first.body()).path("applicant").path("idNumber").asString()).isEqualTo("1201**********1234");

        HttpResponse<String> tokenOfAnother = send(post("/api/v1/local/tokens", "{\"role\": \"citizen\", \"subject\": \"citizen-2\"}"));
        String another = JSON.readTree(tokenOfAnother.body()).path("accessToken").asString();
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/applications/" + id)).header("Authorization", "Bearer " + another).GET())
                .statusCode()).isEqualTo(404);

        HttpResponse<String> officerToken = send(post("/api/v1/local/tokens",
                "{\"role\": \"officer\", \"department\": \"" + department + "\"}"));
        String officer = JSON.readTree(officerToken.body()).path("accessToken").asString();
        String actions = "/api/v1/applications/" + id + "/actions";
        JsonNode last = null;
        for (String action : new String[] { "{\"action\": \"START_PRE_REVIEW\"}",
                "{\"action\": \"REQUEST_CORRECTION\", \"missing\": [\"参保地备案表\"]}" }) {
            HttpResponse<String> moved = send(post(actions, action).header("Authorization", "Bearer " + officer));
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        }
        assertThat(send(post(actions, "{\"action\": \"RESUBMIT\", \"materials\": [{\"name\": \"参保地备案表\"}]}")
                .header("Authorization", "Bearer " + citizen)).statusCode()).isEqualTo(201);
        for (String action : new String[] { "{\"action\": \"ACCEPT\"}", "{\"action\": \"START_HANDLING\"}",
                "{\"action\": \"COMPLETE\", \"outcome\": \"APPROVED\"}" }) {
            HttpResponse<String> moved = send(post(actions, action).header("Authorization", "Bearer " + officer));
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
            last = JSON.readTree(moved.body());
        }
        java.time.LocalDate due = java.time.LocalDate.parse(last.path("dueOn").asString());
        assertThat(due).isAfterOrEqualTo(java.time.LocalDate.parse(last.path("acceptedOn").asString()));
        assertThat(due.getDayOfWeek()).isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);

        HttpResponse<String> rated = send(post("/api/v1/applications/" + id + "/evaluation", "{\"level\": \"VERY_DISSATISFIED\", \"comment\": \"等待太久\"}")
                .header("Authorization", "Bearer " + citizen));
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        assertThat(JSON.readTree(rated.body()).path("rectificationId").asString()).isNotBlank();
        HttpResponse<String> open = send(HttpRequest.newBuilder(uri("/api/v1/rectifications?status=OPEN"))
                .header("Authorization", "Bearer " + officer).GET());
        assertThat(JSON.readTree(open.body()).path("totalItems").asInt()).isEqualTo(1);
    }

    /**
     * 跨省通办 across the border, through the gateway only: a Tianjin citizen applies in Hongqiao for an
     * item Fengtai decides; the intake window checks the form and hands it off; the simulated Fengtai
     * system asks for a correction, which the citizen sees and answers; Fengtai accepts (the due date
     * appears), handles and approves; the window mails the result. With Fengtai down, the hand-off
     * waits, visible, and goes when it is back.
     */
    @Test
    @Order(62)
    void aCaseFengtaiDecidesGoesThereAndBackThroughTheGateway() throws Exception {
        String citizen = token("citizen");
        String window = tokenFor("{\"role\": \"officer\", \"department\": \"红桥区政务服务办公室\"}");
        String item = getJson("/api/v1/service-items?name=" + java.net.URLEncoder.encode("丰台区办理", StandardCharsets.UTF_8))
                .path("items").get(0).path("id").asString();
        String id = applyFor(item, citizen, "fengtai-e2e-0001");
        act(id, window, "{\"action\": \"START_PRE_REVIEW\"}");
        JsonNode handedOff = act(id, window, "{\"action\": \"HAND_OFF\"}");
        assertThat(handedOff.path("correlationId").asString()).startsWith("120106-");

        JsonNode correction = awaitStatus(id, citizen, "CORRECTION_REQUESTED");
        assertThat(correction.path("correction").path("missing").get(0).asString()).isEqualTo("户口簿复印件");
        assertThat(correction.path("exchange").get(0).path("status").asString()).isEqualTo("SENT");
        act(id, citizen, "{\"action\": \"RESUBMIT\", \"materials\": [{\"name\": \"户口簿复印件\"}]}");
        JsonNode completed = awaitStatus(id, citizen, "COMPLETED");
        assertThat(completed.path("outcome").asString()).isEqualTo("APPROVED");
        assertThat(completed.path("dueOn").asString()).as("the decision's leg has its due date").matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(completed.path("moves").valueStream().map(m -> m.path("to").asString() + "@" + m.path("region").asString()).toList())
                .containsSubsequence("HANDED_OFF@120106", "CORRECTION_REQUESTED@110106", "HANDED_OFF@120106", "ACCEPTED@110106",
                        "IN_PROGRESS@110106", "COMPLETED@110106");
        JsonNode delivered = act(id, window, "{\"action\": \"DELIVER_RESULT\", \"delivery\": {\"method\": \"MAIL\", \"trackingNumber\": \"SF1000000001\"}}");
        assertThat(delivered.path("status").asString()).isEqualTo("RESULT_DELIVERED");

        // Fengtai goes down: the next hand-off waits, visibly, and goes once Fengtai is back
        URI simulator = URI.create(gateway.replaceFirst(":(\\d+)$", "") + ":" + (URI.create(gateway).getPort() + 20));
        HttpResponse<String> down = HTTP.send(HttpRequest.newBuilder(simulator.resolve("/__admin/mappings")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"priority": 1, "request": {"urlPathPattern": "/partners/110106/exchange/.*", "method": "POST"},
                         "response": {"status": 503, "body": "系统维护"}}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(201);
        String second = applyFor(item, token("citizen", "citizen-e2e-2"), "fengtai-e2e-0002");
        act(second, window, "{\"action\": \"START_PRE_REVIEW\"}");
        act(second, window, "{\"action\": \"HAND_OFF\"}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode waiting;
        do {
            Thread.sleep(500);
            waiting = getJson("/api/v1/applications/" + second, window).path("exchange").get(0);
        } while (waiting.path("attempts").asInt() < 1 && System.nanoTime() < deadline);
        assertThat(waiting.path("status").asString()).isEqualTo("PENDING");
        assertThat(waiting.path("lastError").asString()).contains("503");
        assertThat(waiting.path("nextAttemptAt").isNull()).isFalse();
        String stub = JSON.readTree(down.body()).path("id").asString();
        HTTP.send(HttpRequest.newBuilder(simulator.resolve("/__admin/mappings/" + stub)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        awaitStatus(second, window, "CORRECTION_REQUESTED");
        assertThat(getJson("/api/v1/applications/" + second, window).path("exchange").get(0).path("attempts").asInt()).isGreaterThan(1);
    }

    /**
     * Fengtai hands Hongqiao a Hongqiao matter through the gateway, as its system would: it lands
     * in the deciding office's queue once however often it is delivered, and the office's moves go
     * back to Fengtai.
     */
    @Test
    @Order(63)
    void aFengtaiHandOffLandsInTheRightQueueOnceHoweverOftenItComes() throws Exception {
        String fengtai = tokenFor("{\"role\": \"partner\", \"region\": \"110106\"}");
        String department = "红桥区人力资源和社会保障局";
        String correlation = "110106-20261202-FTE2E0000001";
        String handOff = """
                {"correlationId": "%s", "sequence": 1, "kind": "HAND_OFF", "occurredAt": "2026-12-02T02:00:00Z", "fromRegion": "110106",
                 "office": "北京市丰台区政务服务中心",
                 "caseFile": {"itemCode": "KSTB-RS-001", "itemName": "企业职工基本养老保险关系转移接续", "handlingOffice": "%s",
                              "applicant": {"kind": "CITIZEN", "name": "李丰台", "idType": "RESIDENT_ID", "idNumber": "110106198001011234"},
                              "documents": [{"name": "居民身份证"}], "submittedAt": "2026-12-02T01:30:00Z"}}
                """.formatted(correlation, department);
        List<String> receipts = new ArrayList<>();
        for (int delivery = 0; delivery < 3; delivery++) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/exchange/hand-offs")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + fengtai).POST(HttpRequest.BodyPublishers.ofString(handOff)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            receipts.add(JSON.readTree(answer.body()).path("status").asString());
        }
        assertThat(receipts).containsExactly("APPLIED", "DUPLICATE", "DUPLICATE");
        String officer = tokenFor("{\"role\": \"officer\", \"department\": \"" + department + "\"}");
        JsonNode queue = getJson("/api/v1/applications?status=HANDED_OFF", officer);
        List<JsonNode> landed = queue.path("items").valueStream().filter(a -> a.path("correlationId").asString().equals(correlation)).toList();
        assertThat(landed).hasSize(1);
        String id = landed.get(0).path("id").asString();
        act(id, officer, "{\"action\": \"ACCEPT\"}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String delivered;
        do {
            Thread.sleep(500);
            delivered = getJson("/api/v1/applications/" + id, officer).path("exchange").get(0).path("status").asString();
        } while (!delivered.equals("SENT") && System.nanoTime() < deadline);
        assertThat(delivered).as("the acceptance reached Fengtai").isEqualTo("SENT");
    }

    private static String applyFor(String item, String citizen, String key) throws Exception {
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(uri("/api/v1/applications")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + citizen).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"itemId": "%s", "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "120106199001011234"},
                         "materials": [{"name": "居民身份证"}]}""".formatted(item))));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return JSON.readTree(submitted.body()).path("id").asString();
    }

    private static JsonNode act(String id, String token, String action) throws Exception {
        HttpResponse<String> acted = send(HttpRequest.newBuilder(uri("/api/v1/applications/" + id + "/actions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(action)));
        assertThat(acted.statusCode()).as(action + " " + acted.body()).isEqualTo(201);
        return JSON.readTree(acted.body());
    }

    /** Polls the application (as {@code token}) until it is {@code status}: the simulated partner answers after its delay. */
    private static JsonNode awaitStatus(String id, String token, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode application;
        do {
            Thread.sleep(500);
            application = getJson("/api/v1/applications/" + id, token);
        } while (!application.path("status").asString().equals(status) && System.nanoTime() < deadline);
        assertThat(application.path("status").asString()).as(application.toString()).isEqualTo(status);
        return application;
    }

    /** docs/role-matrix.csv, walked whole through the gateway: every endpoint for every role. */
    /**
     * A person does the citizen's and the officer's work in the portal the gateway serves, in
     * Chromium (portal/e2e/citizen-and-desk.test.mjs): apply with a double click (one application),
     * correction, resubmission, acceptance, completion, a 非常不满意 rating and its rectification; and
     * the big screen's figures equal the API's; a planner is offered only the legal stage moves, makes
     * one and files the month's dispatch report (planner.test.mjs); a Fengtai matter goes there and
     * back through the simulated Fengtai system, every leg's due date on the page (cross-border.test.mjs).
     * axe-core finds no serious violation on those views.
     */
    @Test
    @Order(66)
    void aPersonDoesTheCitizensAndTheOfficersWorkInThePortal() throws Exception {
        platform.runPortalScenario("citizen-and-desk.test.mjs", "planner.test.mjs", "cross-border.test.mjs");
    }

    @Test
    @Order(68)
    void theRoleMatrixHoldsForEveryEndpointAndRole() throws Exception {
        String project = getJson("/api/v1/projects?name=工业软件").path("items").get(0).path("id").asString();
        String building = getJson("/api/v1/projects/" + project + "/buildings").path("items").get(0).path("id").asString();
        String unit = getJson("/api/v1/units?projectId=" + project + "&size=1").path("items").get(0).path("id").asString();
        String[] roles = { null, "citizen", "enterprise", "officer", "admin", "partner", "auditor" };
        String[] subjects = { null, "citizen-demo", "enterprise-demo", "officer-demo", "admin-demo", "partner-110106", "auditor-demo" };
        String[] tokens = new String[roles.length];
        for (int i = 1; i < roles.length; i++) {
            tokens[i] = roles[i].equals("partner") ? tokenFor("{\"role\": \"partner\", \"region\": \"110106\"}") : token(roles[i]);
        }
        List<String> mismatches = new ArrayList<>();
        // what the services' trails must hold afterwards: every write that reached a service, refused or not, and every read of an application
        Set<String> expectedOnTheTrail = new java.util.TreeSet<>();
        String walkStarted = java.time.Instant.now().minusSeconds(1).toString();
        int checked = 0;
        for (String line : Files.readAllLines(ROOT.resolve("docs/role-matrix.csv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            String path = cells[1].replace("{project}", project).replace("{building}", building).replace("{unit}", unit)
                    .replace("{missing}", "0123456789abcdef01234567").replace("{correlation}", "120106-20261202-0123456789abcdef01234567");
            for (int i = 0; i < roles.length; i++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                        .header("Idempotency-Key", "matrix-" + i + "-" + checked)
                        .method(cells[0], cells[0].equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
                if (tokens[i] != null) {
                    request.header("Authorization", "Bearer " + tokens[i]);
                }
                int status = send(request).statusCode();
                checked++;
                boolean gatewaysOwn = path.startsWith("/api/v1/local/") || path.startsWith("/api/v1/audit/") || path.equals("/api/v1/dashboard");
                if (!gatewaysOwn && (!cells[0].equals("GET") || path.startsWith("/api/v1/applications"))) {
                    expectedOnTheTrail.add(cells[0] + " " + path + " " + status + " by " + subjects[i]);
                }
                if (status != Integer.parseInt(cells[2 + i])) {
                    mismatches.add(cells[0] + " " + cells[1] + " as " + (roles[i] == null ? "anonymous" : roles[i]) + ": expected "
                            + cells[2 + i] + ", got " + status);
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
        assertThat(mismatches).as("role matrix mismatches").isEmpty();

        // and each of those requests is on its service's trail, with who and the outcome, read by the auditor through the gateway
        Set<String> onTheTrail = new java.util.TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = getJson("/api/v1/audit/records?size=100&from=" + walkStarted + (cursor == null ? "" : "&cursor=" + cursor), tokens[6]);
            assertThat(page.path("unanswered").isEmpty()).as(page.path("unanswered").toString()).isTrue();
            page.path("records").forEach(r -> onTheTrail.add(r.path("method").asString() + " " + r.path("path").asString() + " "
                    + r.path("status").asInt() + " by " + (r.path("subject").isNull() ? null : r.path("subject").asString())));
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
        } while (cursor != null);
        assertThat(expectedOnTheTrail).hasSizeGreaterThan(200);
        assertThat(onTheTrail).as("the walk's writes and reads of applications on the services' trails").containsAll(expectedOnTheTrail);
        // who saw or changed this application, and when: one resource's records across the services
        JsonNode one = getJson("/api/v1/audit/records?resourceType=applications&resourceId=0123456789abcdef01234567&size=100", tokens[6]);
        Set<String> whoAndHow = new java.util.TreeSet<>();
        one.path("records").forEach(r -> {
            assertThat(r.path("at").asString()).isNotBlank();
            assertThat(r.path("service").asString()).isEqualTo("services-service");
            whoAndHow.add(r.path("method").asString() + " " + r.path("status").asInt() + " by "
                    + (r.path("subject").isNull() ? null : r.path("subject").asString()));
        });
        assertThat(whoAndHow).contains("GET 404 by officer-demo", "GET 404 by citizen-demo", "GET 401 by null", "GET 403 by auditor-demo",
                "POST 400 by officer-demo");
        JsonNode verification = getJson("/api/v1/audit/verification", tokens[6]);
        assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    @Order(70)
    void writesWithoutATokenOrWithTheWrongRoleAreRefused() throws Exception {
        HttpResponse<String> anonymous = send(post("/api/v1/service-items", "{}"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> citizen = send(post("/api/v1/projects", """
                {"code": "HQ-E2E-002", "name": "市民不能登记", "zone": "CORE_BUSINESS", "category": "COMMERCIAL"}
                """).header("Authorization", "Bearer " + token("citizen")));
        assertThat(citizen.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(80)
    void withProjectsServiceStoppedSettlementFailsCleanlyAndTheOtherRoutesAnswer() throws Exception {
        String officer = token("officer");
        String unit = getJson("/api/v1/units?status=VACANT&size=1").path("items").get(0).path("id").asString();
        HttpResponse<String> registered = send(post("/api/v1/enterprises", """
                {"creditCode": "91120000103071899G", "name": "端到端第二家企业", "kind": "PRIVATE"}
                """).header("Authorization", "Bearer " + officer));
        String enterprise = JSON.readTree(registered.body()).path("id").asString();

        ProcessHandle projects = platformProcesses.stream()
                .filter(p -> p.info().commandLine().orElse("").contains("projects-service.jar")).findFirst().orElseThrow();
        projects.destroy();
        projects.onExit().get(60, TimeUnit.SECONDS);
        long reported = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (output.stream().noneMatch(l -> l.contains("projects-service is not restarted (--max-restarts=0)")) && System.nanoTime() < reported) {
            Thread.sleep(100);
        }
        assertThat(output).as("the launcher says it exited, and that it stays stopped")
                .anyMatch(l -> l.contains("✗ projects-service (pid " + projects.pid() + ") exited with code 143"))
                .anyMatch(l -> l.contains("projects-service is not restarted (--max-restarts=0)"));

        HttpResponse<String> failed = send(post("/api/v1/enterprises/" + enterprise + "/settlement", "{\"unitId\": \"" + unit + "\"}")
                .header("Authorization", "Bearer " + officer));
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(JSON.readTree(failed.body()).path("service").asString()).isEqualTo("projects-service");
        JsonNode after = getJson("/api/v1/enterprises/" + enterprise);
        assertThat(after.path("settlement").path("status").asString()).as("visibly pending, no unit shown").isEqualTo("PENDING");
        assertThat(after.path("settlement").path("projectId").isNull() || after.path("settlement").path("projectId").isMissingNode()).isTrue();

        HttpResponse<String> projectsRoute = send(HttpRequest.newBuilder(uri("/api/v1/projects")).GET());
        assertThat(projectsRoute.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(projectsRoute.body()).path("service").asString()).isEqualTo("projects-service");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/service-items")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(85)
    void withTwoServicesStoppedTheBigScreenSaysWhatIsUnavailableAndShowsTheRest() throws Exception {
        ProcessHandle services = platformProcesses.stream()
                .filter(p -> p.info().commandLine().orElse("").contains("services-service.jar")).findFirst().orElseThrow();
        services.destroy();
        services.onExit().get(60, TimeUnit.SECONDS);
        platform.runPortalScenario("degraded.test.mjs");
    }

    /**
     * After everything above (scenarios, refusals, fallbacks with a service stopped): every series the
     * Grafana dashboard and the alert rules read was scraped by a real Prometheus, with the labels
     * they match on and group by, so a renamed metric or label fails here, not on an operator's screen.
     */
    @Test
    @Order(88)
    void aRealPrometheusScrapesEverySeriesTheDashboardAndTheAlertsName() throws Exception {
        assertThat(prometheus).as("Debian's prometheus at " + LocalPrometheus.BINARY + " (k8s/check.sh installs it, .ci/run runs that)").isNotNull();
        Map<String, String> expressions = new java.util.LinkedHashMap<>();
        Map<String, Object> rule = new org.yaml.snakeyaml.Yaml().load(Files.readString(ROOT.resolve("k8s/components/monitoring/alert-rules.yaml")));
        for (Object group : (List<?>) ((Map<?, ?>) rule.get("spec")).get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> alert = (Map<?, ?>) r;
                expressions.put("alert " + alert.get("alert"), String.valueOf(alert.get("expr")));
            }
        }
        JsonNode dashboard = JSON.readTree(Files.readString(ROOT.resolve("k8s/components/monitoring/grafana-dashboard.json")));
        for (JsonNode panel : dashboard.path("panels")) {
            int n = 0;
            for (JsonNode target : panel.path("targets")) {
                expressions.put("panel \"" + panel.path("title").asString() + "\" #" + ++n,
                        target.path("expr").asString().replace("$namespace", LocalPrometheus.NAMESPACE));
            }
        }
        assertThat(expressions).as("11 alerts and the dashboard's panels").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            problems.addAll(prometheus.problems(e.getKey(), e.getValue()));
        }
        assertThat(problems).as("series the dashboard and the alerts read").isEmpty();

        // and the check bites: a renamed metric, a renamed label, a value nobody has
        assertThat(prometheus.problems("renamed", "sum(rate(spring_cloud_gateway_request_seconds_count[5m]))"))
                .containsExactly("renamed: no process exports spring_cloud_gateway_request_seconds_count");
        assertThat(prometheus.problems("label", "sum by (route) (rate(http_server_requests_seconds_count{application=\"gateway\"}[5m]))"))
                .singleElement().asString().startsWith("label: http_server_requests_seconds_count has no label route to group by");
        assertThat(prometheus.problems("value", "jvm_memory_used_bytes{area=\"stack\"}"))
                .containsExactly("value: no series of jvm_memory_used_bytes has area=\"stack\"");
    }

    @Test
    @Order(90)
    void stoppingTheLauncherStopsEveryProcess() throws Exception {
        launcher.destroy(); // SIGTERM, as Ctrl-C or a supervisor would
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (platformProcesses.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(platformProcesses).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(100)
    void aServiceGivenNoDatabaseExitsSayingHowToConfigureOne() throws Exception {
        Process service = new ProcessBuilder(Launched.javaBin(), "-jar", ROOT.resolve("projects-service/target/projects-service.jar").toString(),
                "--server.port=0", "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/certs")
                .redirectErrorStream(true).start();
        String log = new String(service.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(log).contains("No MongoDB is configured for this service.").contains("MONGODB_URI")
                .contains("PLATFORM_MONGODB_EMBEDDED=true");
    }

    private static String token(String role) throws Exception {
        return tokenFor("{\"role\": \"" + role + "\"}");
    }

    private static String tokenFor(String request) throws Exception {
        HttpResponse<String> response = send(post("/api/v1/local/tokens", request));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    /** Another person of {@code role}. */
    private static String token(String role, String subject) throws Exception {
        return tokenFor("{\"role\": \"" + role + "\", \"subject\": \"" + subject + "\"}");
    }

    private static JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /**
     * Sends through the gateway; every answer must keep the platform document portals generate their
     * clients from. An answer that takes more than 10 s leaves thread dumps of every process (see the
     * failure's message) before the request times out at 20 s.
     */
    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
        var answer = HTTP.sendAsync(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = answer.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            Path dumps = platform.dumpThreads("no answer in 10 s to " + built.method() + " " + built.uri());
            try {
                response = answer.get();
            } catch (java.util.concurrent.ExecutionException failed) {
                throw new AssertionError(built.method() + " " + built.uri() + ": " + failed.getCause() + "; thread dumps taken at 10 s: " + dumps,
                        failed.getCause());
            }
        } catch (java.util.concurrent.ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
        List<String> violations = CONTRACT.violations(built.method(), built.uri().getPath(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(violations).as("the answer breaks docs/openapi/platform.json; body: %s", response.body()).isEmpty();
        return response;
    }

    private static URI uri(String path) {
        return URI.create(gateway + path);
    }

}

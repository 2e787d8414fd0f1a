package cn.hongqiao.samecity.projects.units;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.hongqiao.samecity.defaults.problem.StateConflict;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Buildings, units, and holding a unit for an enterprise: idempotent, exclusive, atomic. */
@ServiceTest
class UnitsTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    UnitDesk desk;
    @Autowired
    JsonMapper json;

    String officer;
    String projectId;
    String buildingId;
    List<String> unitIds = new ArrayList<>();

    @BeforeEach
    void aProjectWithABuildingOfThreeUnits() throws Exception {
        for (Class<?> type : List.of(Project.class, Building.class, Unit.class)) {
            mongo.remove(new Query(), type);
        }
        officer = tokens.bearer("officer");
        projectId = id(send(mvc.post().uri("/api/v1/projects"), """
                {"code": "HQ-U-001", "name": "京津冀工业软件产业基地", "zone": "CORE_BUSINESS", "category": "INDUSTRIAL_PARK"}
                """));
        buildingId = id(send(mvc.post().uri("/api/v1/projects/" + projectId + "/buildings"), """
                {"name": "1号厂房", "kind": "RENOVATED_FACTORY", "floorArea": 6000, "floors": 3}
                """));
        unitIds.clear();
        for (String unit : new String[] { "101", "102", "201" }) {
            unitIds.add(id(send(mvc.post().uri("/api/v1/buildings/" + buildingId + "/units"),
                    "{\"code\": \"" + unit + "\", \"floor\": " + unit.charAt(0) + ", \"area\": 500}")));
        }
    }

    private MvcTestResult send(MockMvcTester.MockMvcRequestBuilder request, String body) {
        return request.header(HttpHeaders.AUTHORIZATION, officer).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private String id(MvcTestResult result) throws Exception {
        assertThat(result).hasStatus(201);
        return json.readTree(result.getResponse().getContentAsString()).path("id").asString();
    }

    private MvcTestResult command(String unitId, String command, String enterpriseId) {
        return send(mvc.post().uri("/api/v1/units/" + unitId + "/" + command), "{\"enterpriseId\": \"" + enterpriseId + "\"}");
    }

    @Test
    void theSameEnterpriseAskingTwiceGetsTheSameAnswerAndAnotherGets409() {
        MvcTestResult first = command(unitIds.get(0), "reservation", "ent-a");
        assertThat(first).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("RESERVED");
        MvcTestResult again = command(unitIds.get(0), "reservation", "ent-a");
        assertThat(again).hasStatusOk().bodyJson().extractingPath("$.version").isEqualTo(1);

        MvcTestResult other = command(unitIds.get(0), "reservation", "ent-b");
        assertThat(other).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(other).bodyJson().extractingPath("$.unitStatus").isEqualTo("RESERVED");
        assertThat(other).bodyJson().extractingPath("$.code").isEqualTo("unit-held-by-another");
        assertThat(other).bodyJson().extractingPath("$.title").isEqualTo("载体不可用");
        assertThat(command(unitIds.get(0), "occupancy", "ent-b")).hasStatus(409);
        assertThat(command(unitIds.get(0), "release", "ent-b")).hasStatus(409);

        assertThat(command(unitIds.get(0), "occupancy", "ent-a")).hasStatusOk().bodyJson()
                .extractingPath("$.statusName").isEqualTo("已入驻");
        assertThat(command(unitIds.get(0), "occupancy", "ent-a")).hasStatusOk();
        assertThat(command(unitIds.get(0), "release", "ent-a")).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("VACANT");
        assertThat(command(unitIds.get(0), "release", "ent-a")).as("releasing again").hasStatusOk();
        assertThat(command(unitIds.get(0), "reservation", "ent-b")).hasStatusOk();
    }

    @Test
    void underConcurrentRequestsExactlyOneEnterpriseWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String enterprise = "ent-" + i;
            racers.add(() -> {
                try {
                    desk.occupy(unitIds.get(1), enterprise);
                    return enterprise;
                } catch (StateConflict lost) {
                    return null;
                }
            });
        }
        List<String> winners = new ArrayList<>();
        for (Future<String> result : pool.invokeAll(racers)) {
            if (result.get() != null) {
                winners.add(result.get());
            }
        }
        pool.shutdown();
        assertThat(winners).hasSize(1);
        Unit unit = mongo.findById(unitIds.get(1), Unit.class);
        assertThat(unit.status()).isEqualTo(UnitStatus.OCCUPIED);
        assertThat(unit.holder().enterpriseId()).isEqualTo(winners.get(0));
    }

    @Test
    void vacancyIsCountedPerProjectAndZoneAndInTheDistrictFigures() {
        command(unitIds.get(0), "occupancy", "ent-a");
        MvcTestResult byZone = mvc.get().uri("/api/v1/vacancy?by=zone").exchange();
        assertThat(byZone).hasStatusOk().bodyJson().extractingPath("$.items[0].group").isEqualTo("CORE_BUSINESS");
        assertThat(byZone).bodyJson().extractingPath("$.items[0].units").isEqualTo(3);
        assertThat(byZone).bodyJson().extractingPath("$.items[0].vacantUnits").isEqualTo(2);
        assertThat(byZone).bodyJson().extractingPath("$.items[0].vacancyRate").isEqualTo(0.6667);
        assertThat(mvc.get().uri("/api/v1/vacancy?by=project").exchange()).bodyJson().extractingPath("$.items[0].group").isEqualTo(projectId);
        assertThat(mvc.get().uri("/api/v1/vacancy?by=building").exchange()).hasStatus(400);

        MvcTestResult figures = mvc.get().uri("/api/v1/project-statistics").exchange();
        assertThat(figures).hasStatusOk().bodyJson().extractingPath("$.projects").isEqualTo(1);
        assertThat(figures).bodyJson().extractingPath("$.byZone.CORE_BUSINESS").isEqualTo(1);
        assertThat(figures).bodyJson().extractingPath("$.byStage.PLANNING").isEqualTo(1);
        assertThat(figures).bodyJson().extractingPath("$.warnings.GREEN").isEqualTo(1);
        assertThat(figures).bodyJson().extractingPath("$.vacancy.vacantArea").isEqualTo(1000);
    }

    @Test
    void unitsAreListedPublicly() {
        assertThat(mvc.get().uri("/api/v1/buildings/" + buildingId + "/units").exchange()).hasStatusOk().bodyJson()
                .extractingPath("$.items[*].code").asArray().containsExactly("101", "102", "201");
        assertThat(mvc.get().uri("/api/v1/units?projectId=" + projectId + "&status=VACANT").exchange()).hasStatusOk()
                .bodyJson().extractingPath("$.totalItems").isEqualTo(3);
        assertThat(mvc.get().uri("/api/v1/projects/" + projectId + "/buildings").exchange()).bodyJson()
                .extractingPath("$.items[0].kindName").isEqualTo("改造厂房");
    }

    @Test
    void badUnitsAndBuildingsAreRefused() {
        assertThat(send(mvc.post().uri("/api/v1/buildings/" + buildingId + "/units"), "{\"code\": \"101\", \"floor\": 1, \"area\": 10}"))
                .hasStatus(409);
        assertThat(send(mvc.post().uri("/api/v1/buildings/" + buildingId + "/units"), "{\"code\": \"9$9\", \"floor\": 1, \"area\": -1}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactlyInAnyOrder("code", "area");
        assertThat(send(mvc.post().uri("/api/v1/buildings/" + buildingId + "/units"),
                "{\"code\": \"301\", \"floor\": 3, \"area\": 10, \"status\": \"OCCUPIED\"}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("status");
        assertThat(send(mvc.post().uri("/api/v1/projects/" + projectId + "/buildings"), "{\"name\": \"1号厂房\", \"kind\": \"OFFICE\"}"))
                .hasStatus(409);
        assertThat(command("0123456789abcdef01234567", "reservation", "ent-a")).hasStatus(404);
        assertThat(command(unitIds.get(2), "reservation", "ent a")).hasStatus(400);
        assertThat(mvc.post().uri("/api/v1/units/" + unitIds.get(2) + "/reservation").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen")).content("{\"enterpriseId\": \"x\"}").exchange())
                .hasStatus(403);
    }
}

package cn.hongqiao.samecity.projects.dispatch;

import cn.hongqiao.samecity.defaults.problem.Problems;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A planner's month through the API, on 15 July 2025: stage moves (illegal ones refused),
 * revisions with If-Match, the annual plan and monthly dispatch, and the warning that follows.
 */
@ServiceTest
@TestPropertySource(properties = "platform.clock.fixed=2025-07-15T10:00:00+08:00")
class ProjectWorkflowTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;

    String officer;
    String projectUri;

    @BeforeEach
    void aProjectUnderConstruction() {
        mongo.remove(new Query(), Project.class);
        mongo.remove(new Query(), AnnualPlan.class);
        mongo.remove(new Query(), DispatchReport.class);
        officer = tokens.bearer("officer");
        MvcTestResult created = send(mvc.post().uri("/api/v1/projects"), """
                {"code": "HQ-F-001", "name": "西站南项目", "zone": "WEST_STATION_SOUTH", "category": "COMMERCIAL",
                 "stage": "PREPARATION"}
                """);
        assertThat(created).hasStatus(201);
        projectUri = created.getResponse().getHeader(HttpHeaders.LOCATION);
    }

    private MvcTestResult send(MockMvcTester.MockMvcRequestBuilder request, String json) {
        return request.header(HttpHeaders.AUTHORIZATION, officer).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    private MvcTestResult move(String stage, String date) {
        return send(mvc.post().uri(projectUri + "/stage-transitions"),
                "{\"targetStage\": \"" + stage + "\", \"date\": \"" + date + "\", \"note\": \"调度会确认\"}");
    }

    @Test
    void stagesMoveOnlyThroughTransitionsAndIllegalMovesAreRefusedNamingTheAllowedOnes() {
        MvcTestResult skip = move("IN_USE", "2025-07-01");
        assertThat(skip).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(skip).bodyJson().extractingPath("$.allowed").asArray().containsExactly("UNDER_CONSTRUCTION");
        assertThat(skip).bodyJson().extractingPath("$.currentStage").isEqualTo("PREPARATION");
        assertThat(skip).bodyJson().extractingPath("$.code").isEqualTo("illegal-stage-transition");
        assertThat(skip).bodyJson().extractingPath("$.type").isEqualTo(Problems.TYPE_BASE + "illegal-stage-transition");
        assertThat(skip).bodyJson().extractingPath("$.title").isEqualTo("不允许的阶段变更");
        assertThat(skip).bodyJson().extractingPath("$.detail").isEqualTo("项目处于“前期工作”，不能变更为“投入使用”；允许变更为：开工建设。");
        MvcTestResult inEnglish = send(mvc.post().uri(projectUri + "/stage-transitions").header(HttpHeaders.ACCEPT_LANGUAGE, "en"),
                "{\"targetStage\": \"IN_USE\", \"date\": \"2025-07-01\"}");
        assertThat(inEnglish).bodyJson().extractingPath("$.detail")
                .isEqualTo("A project at PREPARATION cannot move to IN_USE; allowed: UNDER_CONSTRUCTION.");

        MvcTestResult started = move("UNDER_CONSTRUCTION", "2025-03-01");
        assertThat(started).hasStatus(201).bodyJson().extractingPath("$.stage").isEqualTo("UNDER_CONSTRUCTION");
        assertThat(started).bodyJson().extractingPath("$.actualStart").isEqualTo("2025-03-01");
        assertThat(started).bodyJson().extractingPath("$.allowedNextStages").asArray()
                .containsExactlyInAnyOrder("STRUCTURE_COMPLETED", "SUSPENDED");
        assertThat(move("SUSPENDED", "2025-04-01")).hasStatus(201);
        assertThat(move("UNDER_CONSTRUCTION", "2025-05-01")).hasStatus(201);

        assertThat(mvc.get().uri(projectUri + "/stage-transitions").exchange()).hasStatusOk().bodyJson()
                .extractingPath("$.items[*].toName").asArray().containsExactly("开工建设", "停工", "开工建设");
        MvcTestResult future = move("STRUCTURE_COMPLETED", "2025-08-01");
        assertThat(future).as("future date").hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("date");
        assertThat(future).bodyJson().extractingPath("$.errors[0].message").isEqualTo("不能晚于今天：阶段变更记录的是已经发生的事");
        assertThat(move("LAUNCHED", "2025-07-01")).hasStatus(400);

        // a stage cannot be set by revising the project: stage is not a field of the revision
        MvcTestResult read = mvc.get().uri(projectUri).exchange();
        assertThat(send(mvc.put().uri(projectUri).header(HttpHeaders.IF_MATCH, read.getResponse().getHeader(HttpHeaders.ETAG)), """
                {"name": "西站南项目", "zone": "WEST_STATION_SOUTH", "category": "COMMERCIAL", "stage": "IN_USE"}
                """)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("stage");
    }

    @Test
    void aCitizenCannotMoveAProject() {
        assertThat(mvc.post().uri(projectUri + "/stage-transitions").header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"targetStage\": \"UNDER_CONSTRUCTION\", \"date\": \"2025-07-01\"}")
                .exchange()).hasStatus(403);
        assertThat(mvc.get().uri(projectUri).exchange()).bodyJson().extractingPath("$.stage").isEqualTo("PREPARATION");
    }

    @Test
    void revisionsNeedTheCurrentETag() {
        String revision = """
                {"name": "西站南项目（一期）", "zone": "WEST_STATION_SOUTH", "category": "COMMERCIAL", "totalInvestment": 500000}
                """;
        assertThat(send(mvc.put().uri(projectUri), revision)).hasStatus(428);
        assertThat(send(mvc.put().uri(projectUri).header(HttpHeaders.IF_MATCH, "\"9\""), revision)).hasStatus(412);

        MvcTestResult first = send(mvc.put().uri(projectUri).header(HttpHeaders.IF_MATCH, "\"0\""), revision);
        assertThat(first).hasStatusOk().headers().hasValue(HttpHeaders.ETAG, "\"1\"");
        assertThat(first).bodyJson().extractingPath("$.name").isEqualTo("西站南项目（一期）");
        assertThat(send(mvc.put().uri(projectUri).header(HttpHeaders.IF_MATCH, "\"0\""), revision))
                .as("a second writer with the old ETag").hasStatus(412);
    }

    @Test
    void filedReportsDeriveTheTotalsAndTheWarningTurnsYellowThenRed() {
        assertThat(move("UNDER_CONSTRUCTION", "2025-01-02")).hasStatus(201);
        assertThat(send(mvc.put().uri(projectUri + "/annual-plans/2025"), "{\"plannedInvestment\": 1200}")).hasStatusOk();
        assertThat(send(mvc.post().uri(projectUri + "/dispatch-reports"), "{\"period\": \"2024-12\", \"investmentCompleted\": 50}"))
                .hasStatus(201);
        for (String month : new String[] { "01", "02", "03", "04", "05", "06" }) {
            assertThat(send(mvc.post().uri(projectUri + "/dispatch-reports"), """
                    {"period": "2025-%s", "investmentCompleted": 80, "imageProgress": "主体结构施工", "workersOnSite": 120,
                     "problems": ["拆迁协调"]}
                    """.formatted(month))).hasStatus(201);
        }
        MvcTestResult reports = mvc.get().uri(projectUri + "/dispatch-reports").exchange();
        assertThat(reports).bodyJson().extractingPath("$.items[6].period").isEqualTo("2025-06");
        assertThat(reports).bodyJson().extractingPath("$.items[6].yearToDate").isEqualTo(480);
        assertThat(reports).bodyJson().extractingPath("$.items[6].cumulative").isEqualTo(530);

        // 480 of 1200 = 40 % through June against 50 % pro rata: 10 points behind
        assertThat(mvc.get().uri(projectUri).exchange()).bodyJson().extractingPath("$.warning.colour").isEqualTo("YELLOW");
        assertThat(mvc.get().uri("/api/v1/warnings?colour=YELLOW").exchange()).bodyJson()
                .extractingPath("$.items[*].code").asArray().containsExactly("HQ-F-001");

        // the plan grows: 480 of 3000 = 16 %, 34 points behind
        assertThat(send(mvc.put().uri(projectUri + "/annual-plans/2025"), "{\"plannedInvestment\": 3000}")).hasStatusOk();
        MvcTestResult red = mvc.get().uri(projectUri).exchange();
        assertThat(red).bodyJson().extractingPath("$.warning.colour").isEqualTo("RED");
        assertThat(red).bodyJson().extractingPath("$.warning.reasons[0].code").isEqualTo("INVESTMENT_BEHIND");
        assertThat(mvc.get().uri("/api/v1/warnings").exchange()).bodyJson()
                .extractingPath("$.items[0].colourName").isEqualTo("红灯");
    }

    @Test
    void oneReportPerMonthNoFutureMonthsAndTotalsAreNeverTakenFromTheClient() {
        assertThat(send(mvc.post().uri(projectUri + "/dispatch-reports"), "{\"period\": \"2025-06\", \"investmentCompleted\": 80}"))
                .hasStatus(201);
        MvcTestResult second = send(mvc.post().uri(projectUri + "/dispatch-reports"), "{\"period\": \"2025-06\", \"investmentCompleted\": 90}");
        assertThat(second).hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("dispatch-report-exists");
        assertThat(second).bodyJson().extractingPath("$.detail").isEqualTo("该项目 2025-06 的月度调度已经报送；每个项目每月一份。");
        assertThat(send(mvc.post().uri(projectUri + "/dispatch-reports"), "{\"period\": \"2025-08\", \"investmentCompleted\": 90}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("period");
        assertThat(send(mvc.post().uri(projectUri + "/dispatch-reports"),
                "{\"period\": \"2025-05\", \"investmentCompleted\": 90, \"yearToDate\": 99999}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("yearToDate");
        assertThat(send(mvc.post().uri(projectUri + "/dispatch-reports"), "{\"period\": \"2025-13\", \"investmentCompleted\": -1}"))
                .hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("period", "investmentCompleted");
        assertThat(mongo.count(new Query(), DispatchReport.class)).isEqualTo(1);
        assertThat(mvc.get().uri("/api/v1/projects/0123456789abcdef01234567/dispatch-reports").exchange()).hasStatus(404);
    }
}

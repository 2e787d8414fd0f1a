package cn.hongqiao.samecity.projects.project;

import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class ProjectControllerTest {

    private static final String SOFTWARE_BASE = """
            {"code": "HQ-T-001", "name": "京津冀工业软件产业基地", "zone": "CORE_BUSINESS",
             "category": "INDUSTRIAL_PARK", "ownerUnit": "红桥区国有资产投资有限公司",
             "totalInvestment": 250000.50, "floorArea": 60000, "expectedEnterprises": 50, "expectedJobs": 10000,
             "plannedStart": "2025-03-01", "plannedFinish": "2027-12-31"}
            """;

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void empty() {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), Project.class);
    }

    private MvcTestResult register(String json, String role) {
        var request = mvc.post().uri("/api/v1/projects").contentType(MediaType.APPLICATION_JSON).content(json);
        if (role != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, tokens.bearer(role));
        }
        return request.exchange();
    }

    @Test
    void anOfficerRegistersAProjectThatAnyoneCanThenRead() throws Exception {
        MvcTestResult created = register(SOFTWARE_BASE, "officer");
        assertThat(created).hasStatus(201).headers().containsHeader(HttpHeaders.LOCATION).containsHeader(HttpHeaders.ETAG);
        assertThat(created).bodyJson().extractingPath("$.stage").isEqualTo("PLANNING");
        assertThat(created).bodyJson().extractingPath("$.stageName").isEqualTo("谋划储备");
        assertThat(created).bodyJson().extractingPath("$.source").isEqualTo("ENTERED");
        String location = created.getResponse().getHeader(HttpHeaders.LOCATION);

        MvcTestResult read = mvc.get().uri(location).exchange();
        assertThat(read).hasStatusOk().headers().hasValue(HttpHeaders.ETAG, "\"0\"");
        assertThat(read).bodyJson().extractingPath("$.name").isEqualTo("京津冀工业软件产业基地");
        assertThat(read).bodyJson().extractingPath("$.zoneName").isEqualTo("核心商务区");
        // money is exact: stored as Decimal128, answered as written
        assertThat(read.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"totalInvestment\":250000.50");
        assertThat(read).bodyJson().extractingPath("$.createdAt").isNotNull();
    }

    @Test
    void registeringNeedsATokenAndTheOfficerOrAdminRole() {
        MvcTestResult anonymous = register(SOFTWARE_BASE, null);
        assertThat(anonymous).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(anonymous).headers().hasValue(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

        MvcTestResult citizen = register(SOFTWARE_BASE, "citizen");
        assertThat(citizen).hasStatus(403).bodyJson().extractingPath("$.code").isEqualTo("forbidden");
        assertThat(citizen).bodyJson().extractingPath("$.title").isEqualTo("无权操作");

        MvcTestResult forged = mvc.post().uri("/api/v1/projects").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").content(SOFTWARE_BASE).exchange();
        assertThat(forged).hasStatus(401).bodyJson().extractingPath("$.code").isEqualTo("invalid-token");

        assertThat(register(SOFTWARE_BASE, "admin")).hasStatus(201);
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), Project.class)).isEqualTo(1);
    }

    @Test
    void aSecondProjectWithTheSameCodeIsAConflictAndNothingIsStored() {
        assertThat(register(SOFTWARE_BASE, "officer")).hasStatus(201);
        MvcTestResult again = register(SOFTWARE_BASE.replace("京津冀工业软件产业基地", "另一个"), "officer");
        assertThat(again).hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("already-exists");
        assertThat(again).bodyJson().extractingPath("$.detail").isEqualTo("编号为 HQ-T-001 的项目已存在。");
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), Project.class)).isEqualTo(1);
    }

    @Test
    void badInputIsA400NamingEachFieldAndNothingIsStored() {
        MvcTestResult invalid = register("""
                {"code": "bad code", "name": "", "zone": "CORE_BUSINESS", "category": "COMMERCIAL",
                 "totalInvestment": -1, "plannedStart": "2026-01-01", "plannedFinish": "2025-01-01"}
                """, "officer");
        assertThat(invalid).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(invalid).bodyJson().extractingPath("$.errors[*].field")
                .asArray().contains("code", "name", "totalInvestment", "plannedFinish");

        MvcTestResult unknownZone = register(SOFTWARE_BASE.replace("CORE_BUSINESS", "MARS"), "officer");
        assertThat(unknownZone).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("zone");
        assertThat(unknownZone).bodyJson().extractingPath("$.errors[0].message").asString().contains("WEST_STATION_SOUTH");

        MvcTestResult operatorKey = register(SOFTWARE_BASE.replace("\"ownerUnit\"", "\"$where\": \"1\", \"ownerUnit\""), "officer");
        assertThat(operatorKey).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("$where");

        MvcTestResult malformed = register("{\"code\": ", "officer");
        assertThat(malformed).hasStatus(400).bodyJson().extractingPath("$.code").isEqualTo("invalid-request");
        assertThat(malformed).bodyJson().extractingPath("$.errors[0].field").isEqualTo("$");

        MvcTestResult tooLong = register(SOFTWARE_BASE.replace("京津冀工业软件产业基地", "长".repeat(101)), "officer");
        assertThat(tooLong).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");

        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), Project.class)).isZero();
    }

    @Test
    void theListFiltersByZoneStageCategoryAndNameAndPages() {
        register(SOFTWARE_BASE, "officer");
        register("""
                {"code": "HQ-T-002", "name": "西站南项目", "zone": "WEST_STATION_SOUTH", "category": "COMMERCIAL",
                 "stage": "UNDER_CONSTRUCTION"}
                """, "officer");
        register("""
                {"code": "HQ-T-003", "name": "西站南广场", "zone": "WEST_STATION_SOUTH", "category": "COMMERCIAL"}
                """, "officer");

        assertThat(mvc.get().uri("/api/v1/projects?zone=WEST_STATION_SOUTH").exchange())
                .bodyJson().extractingPath("$.items[*].code").asArray().containsExactly("HQ-T-002", "HQ-T-003");
        assertThat(mvc.get().uri("/api/v1/projects?zone=WEST_STATION_SOUTH&stage=UNDER_CONSTRUCTION").exchange())
                .bodyJson().extractingPath("$.items[*].code").asArray().containsExactly("HQ-T-002");
        assertThat(mvc.get().uri("/api/v1/projects?category=INDUSTRIAL_PARK").exchange())
                .bodyJson().extractingPath("$.items[*].code").asArray().containsExactly("HQ-T-001");
        assertThat(mvc.get().uri("/api/v1/projects?name=广场").exchange())
                .bodyJson().extractingPath("$.items[*].code").asArray().containsExactly("HQ-T-003");

        MvcTestResult page = mvc.get().uri("/api/v1/projects?size=2&page=1&sort=code,desc").exchange();
        assertThat(page).bodyJson().extractingPath("$.items[*].code").asArray().containsExactly("HQ-T-001");
        assertThat(page).bodyJson().extractingPath("$.totalItems").isEqualTo(3);
        assertThat(page).bodyJson().extractingPath("$.totalPages").isEqualTo(2);
    }

    @Test
    void nameSearchTreatsRegexCharactersLiterally() {
        register(SOFTWARE_BASE, "officer");
        assertThat(mvc.get().uri("/api/v1/projects?name={q}", ".*").exchange())
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
        assertThat(mvc.get().uri("/api/v1/projects?name={q}", "(a+)+$").exchange()).hasStatusOk();
    }

    @Test
    void pagingOutsideTheLimitsIsA400NamingTheParameter() {
        assertThat(mvc.get().uri("/api/v1/projects?size=1000").exchange())
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("size");
        MvcTestResult badSort = mvc.get().uri("/api/v1/projects?sort=secret").exchange();
        assertThat(badSort).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("sort");
        assertThat(badSort).bodyJson().extractingPath("$.errors[0].message").asString()
                .startsWith("应为以下字段之一：").contains("totalInvestment").endsWith("可在后面加 ,asc 或 ,desc");
        assertThat(mvc.get().uri("/api/v1/projects?sort=name,sideways").exchange()).hasStatus(400);
        assertThat(mvc.get().uri("/api/v1/projects?stage=DONE").exchange())
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("stage");
    }

    @Test
    void anUnknownProjectIsA404Problem() {
        MvcTestResult missing = mvc.get().uri("/api/v1/projects/0123456789abcdef01234567").exchange();
        assertThat(missing).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(missing).bodyJson().extractingPath("$.instance").isEqualTo("/api/v1/projects/0123456789abcdef01234567");
    }
}

package cn.hongqiao.samecity.enterprise.registry;

import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class EnterpriseControllerTest {

    private static final String BRANCH = """
            {"creditCode": "91350100M000100Y43", "name": "中国煤科北京华宇工程天津分公司", "kind": "CENTRAL_SOE_BRANCH",
             "parentGroup": "中国煤炭科工集团", "originRegion": "110000", "industryChains": ["工程设计"], "headcount": 120}
            """;

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), Enterprise.class);
    }

    private MvcTestResult register(String json) {
        return mvc.post().uri("/api/v1/enterprises").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    @Test
    void anOfficerRegistersAnEnterpriseAndTheRegistryListsItByKindAndParentGroup() {
        MvcTestResult created = register(BRANCH);
        assertThat(created).hasStatus(201).bodyJson().extractingPath("$.kindName").isEqualTo("央企分支机构");
        assertThat(mvc.get().uri("/api/v1/enterprises?kind=CENTRAL_SOE_BRANCH&parentGroup=中国煤炭科工集团").exchange())
                .bodyJson().extractingPath("$.items[*].creditCode").asArray().containsExactly("91350100M000100Y43");
        assertThat(mvc.get().uri("/api/v1/enterprises?originRegion=130200").exchange())
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void aWrongCreditCodeIsA400NamingTheFieldAndNothingIsStored() {
        MvcTestResult wrong = register(BRANCH.replace("91350100M000100Y43", "91350100M000100Y44"));
        assertThat(wrong).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(wrong).bodyJson().extractingPath("$.errors[0].field").isEqualTo("creditCode");
        assertThat(mongo.count(new Query(), Enterprise.class)).isZero();
    }

    @Test
    void aCreditCodeIsRegisteredOnce() {
        assertThat(register(BRANCH)).hasStatus(201);
        assertThat(register(BRANCH)).hasStatus(409);
        assertThat(mongo.count(new Query(), Enterprise.class)).isEqualTo(1);
    }

    @Test
    void aCentralSoeBranchNeedsItsParentGroup() {
        MvcTestResult orphan = register(BRANCH.replace("\"parentGroup\": \"中国煤炭科工集团\",", ""));
        assertThat(orphan).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("parentGroup");
        assertThat(mongo.count(new Query(), Enterprise.class)).isZero();
    }

    @Test
    void revisionsNeedTheCurrentETagAndTheChainFilterFindsThem() throws Exception {
        MvcTestResult created = register(BRANCH);
        String uri = created.getResponse().getHeader(HttpHeaders.LOCATION);
        String revision = """
                {"name": "中国煤科北京华宇工程天津分公司", "kind": "CENTRAL_SOE_BRANCH", "parentGroup": "中国煤炭科工集团",
                 "tier": 3, "industryChains": ["工程设计", "智能矿山"], "headcount": 150}
                """;
        assertThat(mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(revision).exchange()).hasStatus(428);
        MvcTestResult revised = mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).content(revision).exchange();
        assertThat(revised).hasStatusOk().bodyJson().extractingPath("$.tier").isEqualTo(3);
        assertThat(mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).content(revision).exchange())
                .hasStatus(412);
        assertThat(mvc.get().uri("/api/v1/enterprises?chain=智能矿山").exchange()).bodyJson()
                .extractingPath("$.totalItems").isEqualTo(1);
        assertThat(mvc.get().uri("/api/v1/enterprises?chain=生物医药").exchange()).bodyJson()
                .extractingPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void anEnterpriseUserRevisesItsOwnProfileAndNoOtherOne() throws Exception {
        MvcTestResult created = register(BRANCH);
        String uri = created.getResponse().getHeader(HttpHeaders.LOCATION);
        String id = uri.substring(uri.lastIndexOf('/') + 1);
        String revision = """
                {"name": "中国煤科北京华宇工程天津分公司", "kind": "CENTRAL_SOE_BRANCH", "parentGroup": "中国煤炭科工集团", "headcount": 130}
                """;
        assertThat(mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, tokens.enterpriseUserOf("0123456789abcdef01234567"))
                .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).content(revision).exchange())
                .as("another enterprise's user").hasStatus(403);
        assertThat(mvc.put().uri(uri).header(HttpHeaders.AUTHORIZATION, tokens.enterpriseUserOf(id))
                .header(HttpHeaders.IF_MATCH, "\"0\"").contentType(MediaType.APPLICATION_JSON).content(revision).exchange())
                .hasStatusOk().bodyJson().extractingPath("$.headcount").isEqualTo(130);
    }

    @Test
    void anEnterpriseUserCannotRegisterOthers() {
        assertThat(mvc.post().uri("/api/v1/enterprises").header(HttpHeaders.AUTHORIZATION, tokens.bearer("enterprise"))
                .contentType(MediaType.APPLICATION_JSON).content(BRANCH).exchange()).hasStatus(403);
    }
}

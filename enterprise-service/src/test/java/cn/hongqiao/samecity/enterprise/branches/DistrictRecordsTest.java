package cn.hongqiao.samecity.enterprise.branches;

import cn.hongqiao.samecity.defaults.seed.ReportedFigure;
import cn.hongqiao.samecity.defaults.seed.SeedLoader;
import cn.hongqiao.samecity.enterprise.consortia.Consortium;
import cn.hongqiao.samecity.enterprise.registry.Enterprise;
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

/** The article's enterprises, consortia and indicators, seeded with their sources; SOE branches by parent group. */
@ServiceTest
class DistrictRecordsTest {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    SeedLoader seeds;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    TestTokens tokens;

    @BeforeEach
    void seeded() {
        for (Class<?> type : new Class<?>[] { Enterprise.class, Consortium.class, ReportedFigure.class }) {
            mongo.remove(new Query(), type);
        }
        seeds.load("classpath*:seeds/enterprises/*.json");
    }

    @Test
    void seedingTwiceChangesNothingAndEveryRecordSaysItsSource() {
        assertThat(seeds.load("classpath*:seeds/enterprises/*.json")).allSatisfy(r -> assertThat(r.inserted()).isZero());
        assertThat(mongo.findAll(Enterprise.class)).isNotEmpty().allSatisfy(e -> {
            assertThat(e.source().name()).isEqualTo("ARTICLE");
            assertThat(e.sourceNote()).contains("not stated");
            assertThat(e.creditCode()).as("no invented credit code").isNull();
        });
        assertThat(mongo.findAll(Consortium.class)).extracting(Consortium::name).contains(
                "天津市水泥行业绿色生态与低碳零碳创新联合体", "海洋资源利用绿色技术与智能装备创新联合体", "中煤智能创新联盟",
                "京津冀国家技术创新中心能源低碳创新中心");
    }

    @Test
    void branchesAreGroupedByParentAndShownBesideTheReported23() {
        MvcTestResult groups = mvc.get().uri("/api/v1/soe-branches").exchange();
        assertThat(groups).hasStatusOk().bodyJson().extractingPath("$.items[*].parentGroup").asArray().contains("中国煤炭科工集团有限公司");
        MvcTestResult summary = mvc.get().uri("/api/v1/soe-branches/summary").exchange();
        assertThat(summary).bodyJson().extractingPath("$.reported.value").isEqualTo(23);
        assertThat(summary).bodyJson().extractingPath("$.reported.year").isEqualTo(2024);
        assertThat(summary).bodyJson().extractingPath("$.registered").isEqualTo(5);
        assertThat(mvc.get().uri("/api/v1/indicators").exchange()).bodyJson().extractingPath("$.items[*].key").asArray()
                .contains("central-soe-branches", "cooperation-platform-rank-citywide", "cooperation-platform-rank-services");
    }

    @Test
    void anEnteredEnterpriseStillNeedsAValidCreditCodeAndCodesStayUnique() {
        MvcTestResult noCode = mvc.post().uri("/api/v1/enterprises").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"无代码企业\", \"kind\": \"PRIVATE\"}").exchange();
        assertThat(noCode).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("creditCode");
        String body = "{\"creditCode\": \"911100001000128855\", \"name\": \"示例企业\", \"kind\": \"PRIVATE\"}";
        assertThat(mvc.post().uri("/api/v1/enterprises").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange()).hasStatus(201);
        assertThat(mvc.post().uri("/api/v1/enterprises").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(body.replace("示例企业", "另一家")).exchange()).hasStatus(409);
    }

    @Test
    void consortiaArePublicAndOfficersAddThem() {
        assertThat(mvc.get().uri("/api/v1/consortia").exchange()).hasStatusOk().bodyJson()
                .extractingPath("$.items[?(@.kind == 'PLATFORM')].leadUnit").asArray().containsExactly("中国中煤能源集团有限公司");
        MvcTestResult added = mvc.post().uri("/api/v1/consortia").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"工业软件创新联合体\", \"kind\": \"CONSORTIUM\", \"members\": [{\"name\": \"示例企业\", \"enterpriseId\": \"bad\"}]}")
                .exchange();
        assertThat(added).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").asString().contains("enterpriseId");
    }
}

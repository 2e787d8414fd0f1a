package cn.hongqiao.samecity.publicservices.items;

import cn.hongqiao.samecity.defaults.seed.SeedLoader;
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
class ServiceItemControllerTest {

    private static final String ITEM = """
            {"code": "KSTB-T-001", "name": "异地就医备案", "department": "红桥区医疗保障局", "itemType": "PUBLIC_SERVICE",
             "handlingMode": "FULLY_ONLINE", "partnerRegions": ["110106", "110115"], "legalLimitDays": 5, "promisedLimitDays": 1,
             "materials": [{"name": "居民身份证", "required": true, "form": "ORIGINAL", "copies": 1}]}
            """;

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    SeedLoader seeds;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), ServiceItem.class);
    }

    private MvcTestResult catalogue(String json) {
        return mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }

    @Test
    void aCitizenFindsItemsHandledWithFengtai() {
        assertThat(catalogue(ITEM)).hasStatus(201);
        assertThat(catalogue(ITEM.replace("KSTB-T-001", "KSTB-T-002").replace("\"110106\", ", ""))).hasStatus(201);
        MvcTestResult fengtai = mvc.get().uri("/api/v1/service-items?partnerRegion=110106").exchange();
        assertThat(fengtai).hasStatusOk().bodyJson().extractingPath("$.items[*].code").asArray().containsExactly("KSTB-T-001");
        assertThat(fengtai).bodyJson().extractingPath("$.items[0].handlingModeName").isEqualTo("全程网办");
        assertThat(fengtai).bodyJson().extractingPath("$.items[0].materials[0].form").isEqualTo("ORIGINAL");
        assertThat(catalogue(ITEM.replace("KSTB-T-001", "KSTB-T-003").replace("\"copies\": 1", "\"copies\": 0")))
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").asString().contains("materials");
    }

    @Test
    void thePromisedLimitMayNotExceedTheLegalOne() {
        MvcTestResult result = catalogue(ITEM.replace("\"promisedLimitDays\": 1", "\"promisedLimitDays\": 9"));
        assertThat(result).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("promisedLimitDays");
        assertThat(mongo.count(new Query(), ServiceItem.class)).isZero();
    }

    @Test
    void aPartnerRegionMustBeAGbT2260Code() {
        MvcTestResult result = catalogue(ITEM.replace("\"110115\"", "\"Daxing\""));
        assertThat(result).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").asString().startsWith("partnerRegions");
        assertThat(mvc.get().uri("/api/v1/service-items?partnerRegion=fengtai").exchange()).hasStatus(400);
    }

    @Test
    void theSeededCatalogueIsIllustrativeAndSaysSo() {
        seeds.load("classpath*:seeds/services/*.json");
        MvcTestResult all = mvc.get().uri("/api/v1/service-items?size=100").exchange();
        assertThat(all).bodyJson().extractingPath("$.totalItems").asNumber().satisfies(n -> assertThat(n.intValue()).isGreaterThan(5));
        assertThat(all).bodyJson().extractingPath("$.items[*].source").asArray().containsOnly("ILLUSTRATIVE");
        assertThat(all).bodyJson().extractingPath("$.items[0].sourceNote").asString().contains("228");
    }
}

package cn.hongqiao.samecity.publicservices.cooperation;

import cn.hongqiao.samecity.defaults.seed.ReportedFigure;
import cn.hongqiao.samecity.defaults.seed.SeedLoader;
import cn.hongqiao.samecity.publicservices.institutions.MedicalInstitution;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Partner regions, agreements, events, reported figures and institutions, seeded with their sources. */
@ServiceTest
class DistrictServicesTest {

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
        for (Class<?> type : new Class<?>[] { Agreement.class, Event.class, ReportedFigure.class, MedicalInstitution.class }) {
            mongo.remove(new Query(), type);
        }
        seeds.load("classpath*:seeds/services/*.json");
    }

    @Test
    void theArticlesAgreementsAreThereWithTheirStatus() {
        assertThat(seeds.load("classpath*:seeds/services/*.json")).allSatisfy(r -> assertThat(r.inserted()).isZero());
        assertThat(mvc.get().uri("/api/v1/agreements?status=SIGNED&domain=CROSS_PROVINCE_SERVICES").exchange()).hasStatusOk()
                .bodyJson().extractingPath("$.items[*].partnerRegion").asArray().containsExactly("110106", "110115", "130200");
        assertThat(mvc.get().uri("/api/v1/agreements?status=PLANNED").exchange()).bodyJson()
                .extractingPath("$.items[*].partnerName").asArray().containsExactly("北京市石景山区", "北京市房山区");
        assertThat(mvc.get().uri("/api/v1/agreements?domain=EDUCATION").exchange()).bodyJson()
                .extractingPath("$.items[0].partnerName").isEqualTo("河北省任丘市");
        assertThat(mvc.get().uri("/api/v1/service-figures").exchange()).bodyJson()
                .extractingPath("$.items[*].value").asArray().contains(228, 42);
        assertThat(mvc.get().uri("/api/v1/partner-regions").exchange()).bodyJson()
                .extractingPath("$.items[*].code").asArray().contains("110106", "110115", "130200", "110111", "110107", "130982",
                        "110118", "110112", "130209");
        assertThat(mvc.get().uri("/api/v1/events?kind=CULTURE_TOURISM").exchange()).bodyJson()
                .extractingPath("$.items[0].name").isEqualTo("天津运河桃花节");
    }

    @Test
    void institutionsAreSearchedByRegionGradeAndSettlementAndTheirCodesChecked() {
        assertThat(mvc.get().uri("/api/v1/medical-institutions?settlementType=CHRONIC_DISEASE_OUTPATIENT").exchange()).hasStatusOk()
                .bodyJson().extractingPath("$.totalItems").isEqualTo(2);
        assertThat(mvc.get().uri("/api/v1/medical-institutions?grade=GRADE_3A&region=120106").exchange())
                .bodyJson().extractingPath("$.items[*].source").asArray().containsOnly("ILLUSTRATIVE");
        String wrongRegion = """
                {"insuranceCode": "H11010600001", "name": "示例医院", "grade": "GRADE_2A", "type": "GENERAL_HOSPITAL",
                 "publicOwned": true, "region": "120106", "settlementTypes": ["OUTPATIENT"]}
                """;
        assertThat(mvc.post().uri("/api/v1/medical-institutions").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(wrongRegion).exchange())
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("insuranceCode");
        assertThat(mvc.post().uri("/api/v1/medical-institutions").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(wrongRegion.replace("H11010600001", "X12")).exchange())
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("insuranceCode");
    }

    @Test
    void badAgreementsAndEventsAreRefused() {
        assertThat(mvc.post().uri("/api/v1/agreements").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"partnerRegion": "110111", "partnerName": "北京市房山区", "title": "x", "domains": ["EDUCATION"],
                         "status": "PLANNED", "signedOn": "2025-01-01"}
                        """).exchange()).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("signedOn");
        assertThat(mvc.post().uri("/api/v1/events").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "x", "kind": "EDUCATION", "year": 2025, "startsOn": "2025-05-02", "endsOn": "2025-05-01"}
                        """).exchange()).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("endsOn");
    }
}

package cn.hongqiao.samecity.publicservices.applications;

import java.util.List;

import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hongqiao as the handling region: Fengtai's intake window (WireMock for its exchange system) hands a
 * Hongqiao matter over; it is checked record by record, stored once however often it comes, lands
 * in the deciding office's queue, and every move there flows back to Fengtai in order.
 */
@ServiceTest
class HandedInTest {

    static final PartnerSystem fengtai = new PartnerSystem("110106");
    static final String DEPARTMENT = "红桥区人力资源和社会保障局";
    static final String CORRELATION = "110106-20261202-FT0000000001";

    @AfterAll
    static void stop() {
        fengtai.stop();
    }

    @DynamicPropertySource
    static void partner(DynamicPropertyRegistry registry) {
        fengtai.register(registry);
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Autowired
    ExchangeRelay relay;

    String desk;

    @BeforeEach
    void aHongqiaoItemFengtaiTakesIn() {
        fengtai.resetAll();
        fengtai.stubFor(post(urlMatching("/exchange/hand-offs/.+/messages")).willReturn(PartnerSystem.receipt()));
        mongo.remove(new Query(), Application.class);
        mongo.remove(new Query(), ServiceItem.class);
        desk = tokens.officerOf(DEPARTMENT);
        assertThat(mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, tokens.bearer("admin"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "KSTB-RS-T01", "name": "企业职工基本养老保险关系转移接续", "department": "%s", "itemType": "PUBLIC_SERVICE",
                         "handlingMode": "PROXY_HANDLING", "partnerRegions": ["110106"], "legalLimitDays": 45, "promisedLimitDays": 15}
                        """.formatted(DEPARTMENT)).exchange()).hasStatus(201);
    }

    @Test
    void fengtaisCaseLandsOnceInTheOfficesQueueAndEveryMoveGoesBackInOrder() {
        MvcTestResult first = handIn(handOff(CORRELATION, "KSTB-RS-T01", applicant("120106199001011234")));
        assertThat(first).hasStatus(200).bodyJson().extractingPath("$.status").isEqualTo("APPLIED");
        assertThat(handIn(handOff(CORRELATION, "KSTB-RS-T01", applicant("120106199001011234")))).as("redelivered")
                .hasStatus(200).bodyJson().extractingPath("$.status").isEqualTo("DUPLICATE");
        assertThat(handIn(handOff(CORRELATION, "KSTB-RS-T01", applicant("110106198001011234")))).as("the same number, another case")
                .hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("correlation-id-reused");

        JsonNode queue = read(mvc.get().uri("/api/v1/applications?status=HANDED_OFF").header(HttpHeaders.AUTHORIZATION, desk).exchange());
        assertThat(queue.path("totalItems").asInt()).as("stored once").isEqualTo(1);
        JsonNode application = queue.path("items").get(0);
        assertThat(application.path("intakeRegion").asString()).isEqualTo("110106");
        assertThat(application.path("handlingRegion").asString()).isEqualTo("120106");
        assertThat(application.path("correlationId").asString()).isEqualTo(CORRELATION);
        assertThat(application.path("applicant").path("idNumber").asString()).as("masked here as everywhere").isEqualTo("1201**********1234");
        assertThat(actions(application)).as("the intake window did the form check; the office decides")
                .containsExactlyInAnyOrder("ACCEPT", "REFUSE_TO_ACCEPT", "REQUEST_CORRECTION");
        String id = application.path("id").asString();

        act(id, "REQUEST_CORRECTION", "\"missing\": [\"参保缴费凭证\"]");
        assertThat(fromFengtai(2, "RESUBMISSION", "\"documents\": [{\"name\": \"参保缴费凭证\"}]")).hasStatus(200);
        assertThat(read(mvc.get().uri("/api/v1/applications/{id}", id).header(HttpHeaders.AUTHORIZATION, desk).exchange())
                .path("status").asString()).isEqualTo("HANDED_OFF");
        act(id, "ACCEPT", null);
        act(id, "START_HANDLING", null);
        JsonNode completed = act(id, "COMPLETE", "\"outcome\": \"APPROVED\"");
        assertThat(actions(completed)).as("Fengtai delivers the result to its applicant").isEmpty();

        assertThat(relay.round()).isEqualTo(4);
        List<JsonNode> received = fengtai.findAll(postRequestedFor(urlMatching("/exchange/hand-offs/" + CORRELATION + "/messages"))).stream()
                .map(r -> json.readTree(r.getBodyAsString())).toList();
        assertThat(received.stream().map(m -> m.path("sequence").asInt() + " " + m.path("kind").asString()).toList())
                .containsExactly("1 CORRECTION_REQUESTED", "2 ACCEPTED", "3 HANDLING_STARTED", "4 COMPLETED");
        assertThat(received.get(0).path("missing").get(0).asString()).isEqualTo("参保缴费凭证");
        assertThat(received.get(3).path("outcome").asString()).isEqualTo("APPROVED");
        assertThat(received.get(3).path("office").asString()).isEqualTo(DEPARTMENT);
        assertThat(received.get(3).path("fromRegion").asString()).isEqualTo("120106");
    }

    @Test
    void eachBadRecordIsRefusedWithItsOwnCodeAndNothingIsStored() {
        assertRefused(handOff(CORRELATION, "KSTB-NONE-1", applicant("120106199001011234")), "caseFile.itemCode", "不是红桥区办理");
        assertRefused(handOff("130200-20261202-TS0000000001", "KSTB-RS-T01", applicant("120106199001011234")), "correlationId", "110106-");
        assertRefused(handOff(CORRELATION, "KSTB-RS-T01", applicant("12")), "caseFile.applicant", "证件");
        assertRefused(handOff(CORRELATION, "KSTB-RS-T01", applicant("120106199001011234")).replace("\"kind\": \"HAND_OFF\"",
                "\"kind\": \"ACCEPTED\""), "kind", "HAND_OFF");
        assertRefused(handOff(CORRELATION, "KSTB-RS-T01", applicant("120106199001011234")).replace("\"sequence\": 1", "\"sequence\": 2"),
                "sequence", "第 1 条");
        assertRefused(handOff(CORRELATION, "KSTB-RS-T01", applicant("120106199001011234").replace("RESIDENT_ID", "LIBRARY_CARD")),
                "caseFile.applicant.idType", "LIBRARY_CARD");
        assertThat(handIn("{\"correlationId\": \"garbage\"}")).hasStatus(400).bodyJson().extractingPath("$.code").isEqualTo("invalid-request");
        assertThat(handIn("<xml>网关错误</xml>")).as("not JSON").hasStatus(400).bodyJson().extractingPath("$.code").isEqualTo("invalid-request");
        assertThat(mvc.post().uri("/api/v1/exchange/hand-offs").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content(handOff(CORRELATION, "KSTB-RS-T01", applicant("120106199001011234")))
                .exchange()).as("only a partner's system").hasStatus(403);
        assertThat(mongo.count(new Query(), Application.class)).isZero();
    }

    @Test
    void fengtaisApplicantCanWithdrawThroughFengtai() {
        assertThat(handIn(handOff(CORRELATION, "KSTB-RS-T01", applicant("120106199001011234")))).hasStatus(200);
        assertThat(fromFengtai(2, "WITHDRAWAL", "\"note\": \"申请人撤回\"")).hasStatus(200).bodyJson().extractingPath("$.status").isEqualTo("APPLIED");
        JsonNode withdrawn = read(mvc.get().uri("/api/v1/applications?status=WITHDRAWN").header(HttpHeaders.AUTHORIZATION, desk).exchange())
                .path("items").get(0);
        assertThat(withdrawn.path("moves").get(1).path("region").asString()).isEqualTo("110106");
        assertThat(fromFengtai(3, "RESUBMISSION", null)).as("nothing more to apply").hasStatus(409)
                .bodyJson().extractingPath("$.code").isEqualTo("exchange-message-unexpected");
    }

    private void assertRefused(String body, String field, String says) {
        MvcTestResult refused = handIn(body);
        assertThat(refused).as(field).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
        assertThat(read(refused).path("errors").get(0).path("message").asString()).contains(says);
    }

    private MvcTestResult handIn(String body) {
        return mvc.post().uri("/api/v1/exchange/hand-offs").header(HttpHeaders.AUTHORIZATION, tokens.partnerOf("110106"))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private MvcTestResult fromFengtai(int sequence, String kind, String more) {
        return mvc.post().uri("/api/v1/exchange/hand-offs/{c}/messages", CORRELATION).header(HttpHeaders.AUTHORIZATION, tokens.partnerOf("110106"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"correlationId": "%s", "sequence": %d, "kind": "%s", "occurredAt": "2026-12-02T03:00:00Z", "fromRegion": "110106",
                         "office": "北京市丰台区政务服务中心"%s}
                        """.formatted(CORRELATION, sequence, kind, more == null ? "" : ", " + more)).exchange();
    }

    private static String applicant(String idNumber) {
        return """
                {"kind": "CITIZEN", "name": "李丰台", "idType": "RESIDENT_ID", "idNumber": "%s"}""".formatted(idNumber);
    }

    private static String handOff(String correlation, String itemCode, String applicant) {
        return """
                {"correlationId": "%s", "sequence": 1, "kind": "HAND_OFF", "occurredAt": "2026-12-02T02:00:00Z", "fromRegion": "110106",
                 "office": "北京市丰台区政务服务中心",
                 "caseFile": {"itemCode": "%s", "itemName": "企业职工基本养老保险关系转移接续", "handlingOffice": "%s",
                              "applicant": %s, "documents": [{"name": "居民身份证"}], "submittedAt": "2026-12-02T01:30:00Z"}}
                """.formatted(correlation, itemCode, DEPARTMENT, applicant);
    }

    private JsonNode act(String id, String action, String more) {
        MvcTestResult result = mvc.post().uri("/api/v1/applications/{id}/actions", id).header(HttpHeaders.AUTHORIZATION, desk)
                .contentType(MediaType.APPLICATION_JSON).content("{\"action\": \"" + action + "\"" + (more == null ? "" : ", " + more) + "}").exchange();
        assertThat(result).as(action).hasStatus(201);
        return read(result);
    }

    private static List<String> actions(JsonNode application) {
        return application.path("allowedActions").valueStream().map(JsonNode::asString).toList();
    }

    private JsonNode read(MvcTestResult result) {
        try {
            return json.readTree(result.getResponse().getContentAsString());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}

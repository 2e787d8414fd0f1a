package cn.hongqiao.samecity.publicservices.applications;

import java.time.Duration;
import java.util.List;

import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 异地代收代办 across the border, with WireMock playing Fengtai's exchange system: the desk here checks
 * the form and hands the case off; the relay delivers it at least once, in order, through failures,
 * timeouts and garbage, and parks what Fengtai refuses for good; Fengtai's messages come back and
 * are applied once and in order; the local desk never decides a Fengtai matter.
 */
@ServiceTest
class PartnerHandOffTest {

    static final String FENGTAI = "110106";
    static final PartnerSystem fengtai = new PartnerSystem(FENGTAI);
    static final String INTAKE_OFFICE = "红桥区政务服务办公室";

    @AfterAll
    static void stop() {
        fengtai.stop();
    }

    @DynamicPropertySource
    static void partner(DynamicPropertyRegistry registry) {
        fengtai.register(registry);
        registry.add("services.exchange.partners.110106.timeout", () -> "1500ms");
        registry.add("services.exchange.first-retry", () -> "PT0.05S");
        registry.add("services.exchange.longest-retry", () -> "PT0.2S");
        registry.add("services.exchange.max-attempts", () -> "4");
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

    String itemId;
    String desk;
    int key;

    @BeforeEach
    void aFengtaiItem() {
        fengtai.resetAll();
        mongo.remove(new Query(), Application.class);
        mongo.remove(new Query(), ServiceItem.class);
        desk = tokens.officerOf(INTAKE_OFFICE);
        MvcTestResult item = mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, tokens.bearer("admin"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "KSTB-BJFT-T01", "name": "城乡居民基本养老保险待遇申领（丰台区办理）", "department": "北京市丰台区人力资源和社会保障局",
                         "handledBy": "110106", "itemType": "ADMINISTRATIVE_PAYMENT", "handlingMode": "PROXY_HANDLING",
                         "partnerRegions": ["120106"], "legalLimitDays": 20, "promisedLimitDays": 10,
                         "materials": [{"name": "城乡居民基本养老保险待遇申领表", "required": true, "form": "ORIGINAL", "copies": 1}]}
                        """).exchange();
        assertThat(item).hasStatus(201).bodyJson().extractingPath("$.handledHere").isEqualTo(false);
        itemId = read(item).path("id").asString();
    }

    // --- the journey ---------------------------------------------------------------------------

    @Test
    void theDeskChecksTheFormAndHandsOffFengtaiDecidesAndTheResultIsDelivered() {
        fengtaiAnswers(PartnerSystem.receipt());
        String id = submitted();
        JsonNode before = act(id, desk, "START_PRE_REVIEW");
        assertThat(actions(before)).as("the intake window neither accepts nor completes a Fengtai matter")
                .contains("HAND_OFF", "REQUEST_CORRECTION", "REFUSE_TO_ACCEPT").doesNotContain("ACCEPT", "COMPLETE", "START_HANDLING");
        assertThat(mvc.post().uri("/api/v1/applications/{id}/actions", id).header(HttpHeaders.AUTHORIZATION, desk)
                .contentType(MediaType.APPLICATION_JSON).content("{\"action\": \"ACCEPT\"}").exchange())
                .hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("action-for-the-other-region");

        JsonNode handedOff = act(id, desk, "HAND_OFF");
        String correlation = handedOff.path("correlationId").asString();
        assertThat(correlation).matches("120106-\\d{8}-" + id);
        assertThat(handedOff.path("status").asString()).isEqualTo("HANDED_OFF");
        assertThat(handedOff.path("exchange").get(0).path("status").asString()).as("queued with the move").isEqualTo("PENDING");
        assertThat(actions(handedOff)).as("until Fengtai answers, only the paper originals to mail").containsExactly("MAIL_ORIGINALS");

        assertThat(relay.round()).isEqualTo(1);
        List<LoggedRequest> received = fengtai.findAll(postRequestedFor(urlPathEqualTo("/exchange/hand-offs")));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + PartnerSystem.CREDENTIAL);
        JsonNode sent = json.readTree(received.get(0).getBodyAsString());
        assertThat(sent.path("correlationId").asString()).isEqualTo(correlation);
        assertThat(sent.path("kind").asString()).isEqualTo("HAND_OFF");
        assertThat(sent.path("caseFile").path("handlingOffice").asString()).isEqualTo("北京市丰台区人力资源和社会保障局");
        assertThat(sent.path("caseFile").path("applicant").path("idNumber").asString()).as("the deciding office gets the whole ID number")
                .isEqualTo("120106199001011234");
        assertThat(mongo.getCollection("applications").find().into(new java.util.ArrayList<>()).toString())
                .as("while the stored case and its outbox hold it sealed").doesNotContain("120106199001011234").doesNotContain("199001011234");
        JsonNode pushed = get(id, tokens.bearer("citizen"));
        assertThat(pushed.path("exchange").get(0).path("status").asString()).isEqualTo("SENT");
        assertThat(legs(pushed)).as("the push is done, the originals are due").containsExactly("PUSH done", "ORIGINALS open");
        act(id, desk, "MAIL_ORIGINALS", "\"delivery\": {\"method\": \"MAIL\", \"trackingNumber\": \"SF3000000001\"}");

        // Fengtai asks for a correction; the applicant sees it and resubmits, which goes back to Fengtai
        assertThat(fromFengtai(correlation, 1, "CORRECTION_REQUESTED", "\"missing\": [\"户口簿复印件\"]")).hasStatus(200)
                .bodyJson().extractingPath("$.status").isEqualTo("APPLIED");
        JsonNode correction = get(id, tokens.bearer("citizen"));
        assertThat(correction.path("status").asString()).isEqualTo("CORRECTION_REQUESTED");
        assertThat(correction.path("correction").path("missing").get(0).asString()).isEqualTo("户口簿复印件");
        JsonNode resubmitted = act(id, tokens.bearer("citizen"), "RESUBMIT", "\"materials\": [{\"name\": \"户口簿复印件\"}]");
        assertThat(resubmitted.path("status").asString()).isEqualTo("HANDED_OFF");
        assertThat(relay.round()).isEqualTo(1);
        JsonNode resubmission = json.readTree(fengtai.findAll(postRequestedFor(urlPathEqualTo("/exchange/hand-offs/" + correlation + "/messages")))
                .get(0).getBodyAsString());
        assertThat(resubmission.path("kind").asString()).isEqualTo("RESUBMISSION");
        assertThat(resubmission.path("sequence").asInt()).isEqualTo(2);
        assertThat(resubmission.path("documents").get(0).path("name").asString()).isEqualTo("户口簿复印件");

        // Fengtai accepts (the clock starts here), handles and completes
        assertThat(fromFengtai(correlation, 2, "ACCEPTED", null)).hasStatus(200);
        JsonNode accepted = get(id, tokens.bearer("citizen"));
        assertThat(accepted.path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("dueOn").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(accepted.path("legs").get(2).path("dueOn").asString()).as("Fengtai's decision is due by the item's promise")
                .isEqualTo(accepted.path("dueOn").asString());
        assertThat(fromFengtai(correlation, 3, "HANDLING_STARTED", null)).hasStatus(200);
        assertThat(fromFengtai(correlation, 4, "COMPLETED", "\"outcome\": \"APPROVED\", \"note\": \"准予\"")).hasStatus(200);
        JsonNode completed = get(id, desk);
        assertThat(completed.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.path("outcome").asString()).isEqualTo("APPROVED");
        assertThat(actions(completed)).containsExactly("DELIVER_RESULT");
        assertThat(legs(completed)).containsExactly("PUSH done", "ORIGINALS done", "DECISION done", "RESULT open");

        // the intake window mails the result: a tracking number is required
        assertThat(mvc.post().uri("/api/v1/applications/{id}/actions", id).header(HttpHeaders.AUTHORIZATION, desk)
                .contentType(MediaType.APPLICATION_JSON).content("{\"action\": \"DELIVER_RESULT\", \"delivery\": {\"method\": \"MAIL\"}}").exchange())
                .hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("delivery.trackingNumber");
        JsonNode delivered = act(id, desk, "DELIVER_RESULT", "\"delivery\": {\"method\": \"MAIL\", \"trackingNumber\": \"SF1234567890\"}");
        assertThat(delivered.path("status").asString()).isEqualTo("RESULT_DELIVERED");
        assertThat(delivered.path("resultDelivery").path("trackingNumber").asString()).isEqualTo("SF1234567890");
        assertThat(legs(delivered)).containsExactly("PUSH done", "ORIGINALS done", "DECISION done", "RESULT done");

        // every step says which region and office made it
        JsonNode moves = delivered.path("moves");
        assertThat(moves.valueStream().map(m -> m.path("to").asString() + "@" + m.path("region").asString()).toList()).containsExactly(
                "SUBMITTED@120106", "PRE_REVIEW@120106", "HANDED_OFF@120106", "CORRECTION_REQUESTED@110106", "HANDED_OFF@120106",
                "ACCEPTED@110106", "IN_PROGRESS@110106", "COMPLETED@110106", "RESULT_DELIVERED@120106");
        assertThat(moves.get(2).path("office").asString()).isEqualTo(INTAKE_OFFICE);
        assertThat(moves.get(3).path("office").asString()).isEqualTo("北京市丰台区人力资源和社会保障局");
        assertThat(moves.get(3).path("by").asString()).isEqualTo("partner:110106");
    }

    @Test
    void fengtaisMessagesAreAppliedOnceAndInOrderAndOnlyFromFengtai() {
        fengtaiAnswers(PartnerSystem.receipt());
        String correlation = handedOff();
        String id = correlation.substring(correlation.lastIndexOf('-') + 1);

        assertThat(fromFengtai(correlation, 2, "HANDLING_STARTED", null)).as("ahead of its predecessor").hasStatus(409)
                .bodyJson().satisfies(p -> assertThat(p).extractingPath("$.code").isEqualTo("exchange-message-early"))
                .extractingPath("$.expectedSequence").isEqualTo(1);
        assertThat(fromFengtai(correlation, 1, "ACCEPTED", null)).hasStatus(200).bodyJson().extractingPath("$.status").isEqualTo("APPLIED");
        int moves = get(id, desk).path("moves").size();
        assertThat(fromFengtai(correlation, 1, "ACCEPTED", null)).as("delivered twice").hasStatus(200)
                .bodyJson().extractingPath("$.status").isEqualTo("DUPLICATE");
        assertThat(get(id, desk).path("moves").size()).as("stored once").isEqualTo(moves);
        assertThat(fromFengtai(correlation, 2, "HANDLING_STARTED", null)).as("now in its turn").hasStatus(200);
        assertThat(get(id, desk).path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(fromFengtai(correlation, 3, "ACCEPTED", null)).as("does not fit the case").hasStatus(409)
                .bodyJson().extractingPath("$.code").isEqualTo("exchange-message-unexpected");

        // another region, a lying fromRegion, and a person are not Fengtai
        assertThat(mvc.post().uri("/api/v1/exchange/hand-offs/{c}/messages", correlation).header(HttpHeaders.AUTHORIZATION, tokens.partnerOf("130200"))
                .contentType(MediaType.APPLICATION_JSON).content(message(correlation, 3, "COMPLETED", "130200", "\"outcome\": \"APPROVED\""))
                .exchange()).hasStatus(404);
        assertThat(mvc.post().uri("/api/v1/exchange/hand-offs/{c}/messages", correlation).header(HttpHeaders.AUTHORIZATION, tokens.partnerOf(FENGTAI))
                .contentType(MediaType.APPLICATION_JSON).content(message(correlation, 3, "COMPLETED", "130200", "\"outcome\": \"APPROVED\""))
                .exchange()).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("fromRegion");
        assertThat(mvc.post().uri("/api/v1/exchange/hand-offs/{c}/messages", correlation).header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen"))
                .contentType(MediaType.APPLICATION_JSON).content(message(correlation, 3, "COMPLETED", FENGTAI, "\"outcome\": \"APPROVED\""))
                .exchange()).hasStatus(403);
        assertThat(mvc.post().uri("/api/v1/exchange/hand-offs/{c}/messages", correlation).header(HttpHeaders.AUTHORIZATION, tokens.partnerOf(FENGTAI))
                .contentType(MediaType.APPLICATION_JSON).content("{\"correlationId\": \"" + correlation + "\", \"sequence\": 0, \"kind\": \"SOMETHING\"}")
                .exchange()).as("garbage").hasStatus(400);
        assertThat(get(id, desk).path("status").asString()).as("nothing changed by the refused ones").isEqualTo("IN_PROGRESS");
    }

    // --- delivery through a partner's troubles ---------------------------------------------------

    @Test
    void failuresTimeoutsAndGarbageAreTriedAgainUntilFengtaiConfirms() {
        String scenario = "troubled";
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("维护中")).willSetStateTo("slow"));
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).inScenario(scenario).whenScenarioStateIs("slow")
                .willReturn(PartnerSystem.receipt().withFixedDelay(3000))
                .willSetStateTo("garbage"));
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).inScenario(scenario).whenScenarioStateIs("garbage")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>网关错误</html>"))
                .willSetStateTo("fine"));
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).inScenario(scenario).whenScenarioStateIs("fine")
                .willReturn(PartnerSystem.receipt()));
        String correlation = handedOff();
        String id = correlation.substring(correlation.lastIndexOf('-') + 1);

        relay.round();
        JsonNode afterFirst = get(id, desk).path("exchange").get(0);
        assertThat(afterFirst.path("status").asString()).isEqualTo("PENDING");
        assertThat(afterFirst.path("lastError").asString()).contains("503");
        assertThat(afterFirst.path("nextAttemptAt").isNull()).as("the next attempt is scheduled, visible").isFalse();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            relay.round();
            assertThat(get(id, desk).path("exchange").get(0).path("status").asString()).isEqualTo("SENT");
        });
        JsonNode sent = get(id, desk).path("exchange").get(0);
        assertThat(sent.path("attempts").asInt()).as("503, timeout, garbage, then confirmed").isEqualTo(4);
        List<LoggedRequest> received = fengtai.findAll(postRequestedFor(urlPathEqualTo("/exchange/hand-offs")));
        assertThat(received).hasSize(4).allSatisfy(r -> assertThat(json.readTree(r.getBodyAsString()).path("correlationId").asString())
                .as("a repeat carries the same correlation number").isEqualTo(correlation));
    }

    @Test
    void aMessageFengtaiRefusesIsParkedHoldsBackLaterOnesAndGoesAgainWhenAnOperatorSaysSo() {
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\": \"事项编码未对照\"}")));
        fengtai.stubFor(post(urlMatching("/exchange/hand-offs/.+/messages")).willReturn(PartnerSystem.receipt()));
        String correlation = handedOff();
        String id = correlation.substring(correlation.lastIndexOf('-') + 1);
        act(id, tokens.bearer("citizen"), "WITHDRAW");

        relay.round();
        JsonNode exchange = get(id, desk).path("exchange");
        assertThat(exchange.get(0).path("status").asString()).as(exchange.toString()).isEqualTo("PARKED");
        assertThat(exchange.get(0).path("lastError").asString()).contains("422").contains("事项编码未对照");
        assertThat(exchange.get(1).path("status").asString()).as("the withdrawal does not overtake the hand-off").isEqualTo("PENDING");
        relay.round();
        assertThat(fengtai.findAll(postRequestedFor(urlMatching("/exchange/hand-offs/.+/messages")))).isEmpty();

        MvcTestResult parked = mvc.get().uri("/api/v1/exchange/parked").header(HttpHeaders.AUTHORIZATION, tokens.bearer("admin")).exchange();
        assertThat(parked).hasStatus(200).bodyJson().extractingPath("$.items[0].correlationId").isEqualTo(correlation);
        assertThat(parked).bodyJson().extractingPath("$.items[0].kind").isEqualTo("HAND_OFF");
        assertThat(mvc.get().uri("/api/v1/exchange/parked").header(HttpHeaders.AUTHORIZATION, desk).exchange()).as("operators only").hasStatus(403);

        // Fengtai maps the item; the operator sends it again, and both go, in order
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).willReturn(PartnerSystem.receipt()));
        assertThat(mvc.post().uri("/api/v1/exchange/parked/{c}/{s}/retry", correlation, 1).header(HttpHeaders.AUTHORIZATION, tokens.bearer("admin"))
                .exchange()).hasStatus(200).bodyJson().extractingPath("$[0].status").isEqualTo("PENDING");
        assertThat(mvc.post().uri("/api/v1/exchange/parked/{c}/{s}/retry", correlation, 2).header(HttpHeaders.AUTHORIZATION, tokens.bearer("admin"))
                .exchange()).as("only parked ones").hasStatus(409).bodyJson().extractingPath("$.code").isEqualTo("exchange-message-not-parked");
        assertThat(relay.round()).isEqualTo(2);
        assertThat(get(id, desk).path("exchange").valueStream().map(m -> m.path("status").asString()).toList()).containsExactly("SENT", "SENT");
        assertThat(mvc.get().uri("/api/v1/exchange/parked").header(HttpHeaders.AUTHORIZATION, tokens.bearer("admin")).exchange())
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
    }

    @Test
    void aPartnerDownTooLongRunsOutOfAttemptsAndIsParked() {
        fengtai.stubFor(post(urlPathEqualTo("/exchange/hand-offs")).willReturn(aResponse().withStatus(502)));
        String correlation = handedOff();
        String id = correlation.substring(correlation.lastIndexOf('-') + 1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            relay.round();
            assertThat(get(id, desk).path("exchange").get(0).path("status").asString()).isEqualTo("PARKED");
        });
        JsonNode parked = get(id, desk).path("exchange").get(0);
        assertThat(parked.path("attempts").asInt()).isEqualTo(4);
        assertThat(parked.path("lastError").asString()).startsWith("gave up after 4 attempts");
        assertThat(fengtai.findAll(postRequestedFor(urlPathEqualTo("/exchange/hand-offs")))).hasSize(4);
    }

    @Test
    void aLegPastItsDueDateIsInTheWindowsOverdueList() {
        String id = submitted();
        assertThat(mvc.get().uri("/api/v1/applications/overdue").header(HttpHeaders.AUTHORIZATION, desk).exchange())
                .bodyJson().extractingPath("$.totalItems").isEqualTo(0);
        // three days on, the case has still not been pushed to Fengtai
        mongo.updateFirst(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(new org.bson.types.ObjectId(id))),
                org.springframework.data.mongodb.core.query.Update.update("legs.0.dueOn", java.time.LocalDate.now().minusDays(3)), Application.class);
        MvcTestResult overdue = mvc.get().uri("/api/v1/applications/overdue").header(HttpHeaders.AUTHORIZATION, desk).exchange();
        assertThat(overdue).hasStatus(200).bodyJson().extractingPath("$.items[0].id").isEqualTo(id);
        assertThat(overdue).bodyJson().extractingPath("$.items[0].overdue").isEqualTo(true);
        assertThat(overdue).bodyJson().extractingPath("$.items[0].legs[0].overdue").isEqualTo(true);
        assertThat(mvc.get().uri("/api/v1/applications/overdue").header(HttpHeaders.AUTHORIZATION, tokens.bearer("admin")).exchange())
                .as("an admin sees every desk's").hasStatus(200).bodyJson().extractingPath("$.totalItems").isEqualTo(1);
        act(id, tokens.bearer("citizen"), "WITHDRAW");
        assertThat(mvc.get().uri("/api/v1/applications/overdue").header(HttpHeaders.AUTHORIZATION, desk).exchange())
                .as("a withdrawn case runs late no more").bodyJson().extractingPath("$.totalItems").isEqualTo(0);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static List<String> legs(JsonNode application) {
        return application.path("legs").valueStream()
                .map(l -> l.path("kind").asString() + (l.path("doneOn").isNull() ? " open" : " done")).toList();
    }

    private void fengtaiAnswers(ResponseDefinitionBuilder answer) {
        fengtai.stubFor(post(urlMatching("/exchange/hand-offs.*")).withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + PartnerSystem.CREDENTIAL))
                .willReturn(answer));
    }

    private String submitted() {
        MvcTestResult submitted = mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen"))
                .header("Idempotency-Key", "hand-off-key-" + (key++)).contentType(MediaType.APPLICATION_JSON).content("""
                        {"itemId": "%s",
                         "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "120106199001011234"},
                         "materials": [{"name": "居民身份证"}]}
                        """.formatted(itemId)).exchange();
        assertThat(submitted).hasStatus(201).bodyJson().extractingPath("$.handlingRegion").isEqualTo(FENGTAI);
        assertThat(submitted).bodyJson().extractingPath("$.department").as("the intake window's queue").isEqualTo(INTAKE_OFFICE);
        return read(submitted).path("id").asString();
    }

    /** Submitted, pre-reviewed and handed off; its correlation number. */
    private String handedOff() {
        String id = submitted();
        act(id, desk, "START_PRE_REVIEW");
        return act(id, desk, "HAND_OFF").path("correlationId").asString();
    }

    private JsonNode act(String id, String token, String action) {
        return act(id, token, action, null);
    }

    private JsonNode act(String id, String token, String action, String more) {
        MvcTestResult result = mvc.post().uri("/api/v1/applications/{id}/actions", id).header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"action\": \"" + action + "\"" + (more == null ? "" : ", " + more) + "}").exchange();
        assertThat(result).as(action).hasStatus(201);
        return read(result);
    }

    private JsonNode get(String id, String token) {
        MvcTestResult result = mvc.get().uri("/api/v1/applications/{id}", id).header(HttpHeaders.AUTHORIZATION, token).exchange();
        assertThat(result).hasStatus(200);
        return read(result);
    }

    private MvcTestResult fromFengtai(String correlation, int sequence, String kind, String more) {
        return mvc.post().uri("/api/v1/exchange/hand-offs/{c}/messages", correlation).header(HttpHeaders.AUTHORIZATION, tokens.partnerOf(FENGTAI))
                .contentType(MediaType.APPLICATION_JSON).content(message(correlation, sequence, kind, FENGTAI, more)).exchange();
    }

    private static String message(String correlation, int sequence, String kind, String from, String more) {
        return """
                {"correlationId": "%s", "sequence": %d, "kind": "%s", "occurredAt": "2026-12-02T02:00:00Z", "fromRegion": "%s",
                 "office": "北京市丰台区人力资源和社会保障局"%s}
                """.formatted(correlation, sequence, kind, from, more == null ? "" : ", " + more);
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

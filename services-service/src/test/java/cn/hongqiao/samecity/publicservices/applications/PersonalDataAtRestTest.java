package cn.hongqiao.samecity.publicservices.applications;

import java.util.ArrayList;

import cn.hongqiao.samecity.defaults.audit.AuditRecord;
import cn.hongqiao.samecity.defaults.audit.AuditTrail;
import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import cn.hongqiao.samecity.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applicants' ID numbers at rest: the stored applications, their request fingerprints and the audit
 * trail hold none in clear, nor does the log; the desk still finds a person's applications by the
 * number (sent in a body, matched by its blind index), its own department's only.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataAtRestTest {

    static final String DEPARTMENT = "红桥区发展和改革委员会"; // the demo officer's department
    static final String ID_NUMBER = "12010619900101123X";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestTokens tokens;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @Autowired
    AuditTrail trail;

    String itemId;

    @BeforeEach
    void anItem() throws Exception {
        trail.flush(); // what the last test recorded lands before the trail is emptied, not after
        mongo.remove(new Query(), Application.class);
        mongo.remove(new Query(), ServiceItem.class);
        mongo.remove(new Query(), AuditRecord.class);
        trail.forgetHead();
        MvcTestResult item = mvc.post().uri("/api/v1/service-items").header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "KSTB-T-300", "name": "企业投资项目备案", "department": "%s", "itemType": "ADMINISTRATIVE_CONFIRMATION",
                         "handlingMode": "PROXY_HANDLING", "partnerRegions": ["110106"], "legalLimitDays": 10, "promisedLimitDays": 5}
                        """.formatted(DEPARTMENT)).exchange();
        itemId = json.readTree(item.getResponse().getContentAsString()).path("id").asString();
    }

    private String apply(String citizen, String key, String idNumber) throws Exception {
        return apply(citizen, key, idNumber, 201);
    }

    private String apply(String citizen, String key, String idNumber, int status) throws Exception {
        MvcTestResult created = mvc.post().uri("/api/v1/applications").header(HttpHeaders.AUTHORIZATION, tokens.bearer("citizen", citizen))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).content("""
                        {"itemId": "%s", "intakeRegion": "120106",
                         "applicant": {"kind": "CITIZEN", "name": "张市民", "idType": "RESIDENT_ID", "idNumber": "%s"},
                         "materials": [{"name": "身份证复印件"}]}
                        """.formatted(itemId, idNumber)).exchange();
        assertThat(created).hasStatus(status);
        return json.readTree(created.getResponse().getContentAsString()).path("id").asString();
    }

    private MvcTestResult search(String token, String body) {
        return mvc.post().uri("/api/v1/applications/searches").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void noIdNumberInClearInTheDatabaseNorInTheLog(CapturedOutput output) throws Exception {
        String id = apply("citizen-a", "key-at-rest-01", ID_NUMBER);
        mvc.get().uri("/api/v1/applications/{id}", id).header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer")).exchange();
        // the same request again: told apart from another one by a keyed fingerprint
        assertThat(apply("citizen-a", "key-at-rest-01", ID_NUMBER, 200)).isEqualTo(id);

        trail.flush();
        for (String collection : mongo.getCollectionNames()) {
            String everything = mongo.getCollection(collection).find().into(new ArrayList<>()).toString();
            assertThat(everything).as(collection).doesNotContain(ID_NUMBER).doesNotContain("199001011").doesNotContain("0101123X");
        }
        assertThat(mongo.getCollection("applications").find().first().get("applicant", org.bson.Document.class).get("idNumber"))
                .as("sealed, with a blind index").asString().contains("sealed").contains("i=");
        assertThat(output.getAll()).doesNotContain(ID_NUMBER).doesNotContain("199001011");
        // what was read back is the number, masked as always in answers
        assertThat(mvc.get().uri("/api/v1/applications/{id}", id).header(HttpHeaders.AUTHORIZATION, tokens.bearer("officer")))
                .bodyJson().extractingPath("$.applicant.idNumber").isEqualTo("1201**********123X");
    }

    @Test
    void theDeskFindsAPersonsApplicationsByTheirIdNumberItsOwnDepartmentsOnly() throws Exception {
        String first = apply("citizen-a", "key-search-01", ID_NUMBER);
        String second = apply("citizen-a", "key-search-02", ID_NUMBER);
        apply("citizen-b", "key-search-03", "120106198512125678");

        assertThat(search(tokens.bearer("officer"), "{\"idNumber\": \" 12010619900101123x \"}")).hasStatusOk().bodyJson().satisfies(page -> {
            page.assertThat().extractingPath("$.items[*].id").asArray().containsExactlyInAnyOrder(first, second);
            page.assertThat().extractingPath("$.items[0].applicant.idNumber").isEqualTo("1201**********123X");
        });
        assertThat(search(tokens.officerOf("红桥区医疗保障局"), "{\"idNumber\": \"" + ID_NUMBER + "\"}"))
                .as("another department's officer").hasStatusOk().bodyJson().extractingPath("$.totalItems").isEqualTo(0);
        assertThat(search(tokens.bearer("admin"), "{\"idNumber\": \"" + ID_NUMBER + "\"}")).hasStatusOk().bodyJson()
                .extractingPath("$.totalItems").isEqualTo(2);
        assertThat(search(tokens.bearer("citizen"), "{\"idNumber\": \"" + ID_NUMBER + "\"}")).hasStatus(403);
        assertThat(search(tokens.bearer("officer"), "{}")).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("idNumber");

        // the search is on the audit trail, who and when, never the number
        trail.flush();
        assertThat(mongo.findAll(AuditRecord.class)).filteredOn(r -> r.path().equals("/api/v1/applications/searches"))
                .extracting(AuditRecord::subject).containsExactlyInAnyOrder("officer-demo", "officer-demo", "admin-demo", "citizen-demo", "officer-demo");
        assertThat(mongo.getCollection(AuditRecord.COLLECTION).find().into(new ArrayList<>()).toString()).doesNotContain("199001011");
    }
}

package cn.hongqiao.samecity.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run-local --keycloak} as the README describes it: a real Keycloak (25.0.6, from Maven
 * Central) with the checked-in realm, every process trusting its issuer instead of the local key, and
 * people signing in through Keycloak's own login page in Chromium (portal/e2e/keycloak-login.test.mjs);
 * then the portal's whole scenario (apply, correction, resubmission, completion, 非常不满意 and its
 * rectification; the planner's stage move and report; the big screen) with every person signed in
 * there: the scenario files read the portal's configuration and sign in the way it says.
 */
class KeycloakLoginIT {

    static Launched platform;

    @BeforeAll
    static void startThePlatformWithKeycloak() throws Exception {
        platform = Launched.start("--keycloak");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void peopleSignInThroughKeycloaksPageAndThePlatformTrustsOnlyItsTokens() throws Exception {
        assertThat(platform.output).anyMatch(l -> l.contains("Keycloak") && l.contains("realm samecity"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> localTokens = http.send(HttpRequest.newBuilder(URI.create(platform.gateway + "/api/v1/local/tokens"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\": \"admin\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(localTokens.statusCode()).as("no demo tokens beside Keycloak").isIn(401, 404);
        platform.runPortalScenario("keycloak-login.test.mjs", "citizen-and-desk.test.mjs", "planner.test.mjs");
    }

    /**
     * A partner region's system signs in with client credentials (the realm's {@code partner-110106},
     * a service account with role partner and the claim region) and hands a case in through the gateway.
     */
    @Test
    void aPartnersSystemSignsInWithClientCredentialsAndHandsACaseIn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String issuer = platform.output.stream().filter(l -> l.contains("/realms/samecity")).findFirst()
                .map(l -> l.replaceAll(".*(http://localhost:\\d+/realms/samecity).*", "$1")).orElseThrow();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=partner-110106&client_secret="
                        + LocalKeycloak.PARTNER_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = token.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        HttpResponse<String> handedIn = http.send(HttpRequest.newBuilder(URI.create(platform.gateway + "/api/v1/exchange/hand-offs"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"correlationId": "110106-20261202-FTKC00000001", "sequence": 1, "kind": "HAND_OFF", "occurredAt": "2026-12-02T02:00:00Z",
                         "fromRegion": "110106", "office": "北京市丰台区政务服务中心",
                         "caseFile": {"itemCode": "KSTB-RS-001", "itemName": "企业职工基本养老保险关系转移接续", "handlingOffice": "红桥区人力资源和社会保障局",
                                      "applicant": {"kind": "CITIZEN", "name": "李丰台", "idType": "RESIDENT_ID", "idNumber": "110106198001011234"},
                                      "submittedAt": "2026-12-02T01:30:00Z"}}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(handedIn.statusCode()).as(handedIn.body()).isEqualTo(200);
        assertThat(handedIn.body()).contains("\"APPLIED\"");
    }
}

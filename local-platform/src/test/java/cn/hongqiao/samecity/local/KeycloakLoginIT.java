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
}

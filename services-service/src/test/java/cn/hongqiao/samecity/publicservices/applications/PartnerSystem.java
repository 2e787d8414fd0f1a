package cn.hongqiao.samecity.publicservices.applications;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A partner region's exchange system, played by WireMock (a system outside the platform), started
 * at once on a free port, at {@code /exchange}. {@link #register} connects the service under test
 * to it with the credential the partner "issued", and stops the relay's schedule: the tests run its
 * rounds. {@link #receipt()} is the protocol's acknowledgement of whichever message came.
 */
final class PartnerSystem extends WireMockServer {

    static final String CREDENTIAL = "partner-issued-secret";

    private final String region;

    PartnerSystem(String region) {
        super(options().dynamicPort().globalTemplating(true));
        this.region = region;
        start();
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("services.exchange.partners." + region + ".url", () -> baseUrl() + "/exchange");
        registry.add("services.exchange.partners." + region + ".token", () -> CREDENTIAL);
        registry.add("services.exchange.relay-every", () -> "PT1H");
    }

    /** 200 with the receipt for the message received: its correlation number and sequence, APPLIED. */
    static ResponseDefinitionBuilder receipt() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"correlationId": "{{jsonPath request.body '$.correlationId'}}", "sequence": {{jsonPath request.body '$.sequence'}}, "status": "APPLIED"}""");
    }
}

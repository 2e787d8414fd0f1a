package cn.hongqiao.samecity.testsupport;

import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;

import org.springframework.boot.test.context.TestComponent;

/** Real RS256 tokens for tests, signed by the key the service under test trusts. */
@TestComponent
public class TestTokens {

    private final LocalTokenIssuer issuer;

    public TestTokens(LocalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** {@code Authorization} header value for the demo user of {@code role}. */
    public String bearer(String role) {
        return "Bearer " + issuer.issue(role, null).accessToken();
    }

    /** {@code Authorization} header value for an officer of {@code department}. */
    public String officerOf(String department) {
        return "Bearer " + issuer.issue("officer", null, department).accessToken();
    }

    /** {@code Authorization} header value for a user acting for the enterprise record {@code enterpriseId}. */
    public String enterpriseUserOf(String enterpriseId) {
        return "Bearer " + issuer.issue("enterprise", null, null, enterpriseId).accessToken();
    }

    /** {@code Authorization} header value for the exchange system of the partner region {@code region} (claim {@code region}). */
    public String partnerOf(String region) {
        return "Bearer " + issuer.issue("partner", "partner-" + region, null, null, region).accessToken();
    }

    /** {@code Authorization} header value for another user of {@code role}. */
    public String bearer(String role, String subject) {
        return "Bearer " + issuer.issue(role, subject).accessToken();
    }
}

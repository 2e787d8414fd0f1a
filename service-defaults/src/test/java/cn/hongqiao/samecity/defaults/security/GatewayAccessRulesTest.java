package cn.hongqiao.samecity.defaults.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.authorization.AuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's access rules: the first rule whose paths fit decides; an auditor reads the trail and nothing else. */
class GatewayAccessRulesTest {

    final GatewayAccessRules rules = GatewayAccessRules.of(List.of("/api/v1/projects", "/api/v1/projects/**"),
            List.of("/api/v1/**", "/"), List.of("/api/v1/local/tokens"));

    final Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    final Authentication officer = signedIn("ROLE_OFFICER");
    final Authentication auditor = signedIn("ROLE_AUDITOR");

    @Test
    void probesDocumentsAndPreflightsAreOpenToAnyone() {
        assertThat(granted(HttpMethod.GET, "/actuator/health/readiness", null)).isTrue();
        assertThat(granted(HttpMethod.GET, "/v3/api-docs", anonymous)).isTrue();
        assertThat(granted(HttpMethod.OPTIONS, "/api/v1/dashboard", null)).isTrue();
    }

    @Test
    void theAuditTrailIsForAuditorsOnly() {
        assertThat(granted(HttpMethod.GET, "/api/v1/audit/records", auditor)).isTrue();
        assertThat(granted(HttpMethod.GET, "/api/v1/audit/records", officer)).isFalse();
        assertThat(granted(HttpMethod.GET, "/api/v1/audit/records", anonymous)).isFalse();
    }

    @Test
    void aRouteDecidedBehindPassesWhoeverAsks() {
        // the service refuses, and records the refusal in its own trail
        assertThat(rules.accessFor(request(HttpMethod.DELETE, "/api/v1/projects/p-1"))).isEqualTo(GatewayAccessRules.Access.ANYONE);
        assertThat(granted(HttpMethod.POST, "/api/v1/projects", anonymous)).isTrue();
        assertThat(granted(HttpMethod.GET, "/api/v1/projects/p-1", auditor)).isTrue();
    }

    @Test
    void publicReadsAreForEveryoneButAnAuditor() {
        assertThat(granted(HttpMethod.GET, "/api/v1/dashboard", anonymous)).isTrue();
        assertThat(granted(HttpMethod.GET, "/api/v1/dashboard", officer)).isTrue();
        assertThat(granted(HttpMethod.GET, "/api/v1/dashboard", auditor)).isFalse();
        assertThat(granted(HttpMethod.POST, "/api/v1/local/tokens", anonymous)).isTrue();
        assertThat(granted(HttpMethod.POST, "/api/v1/local/tokens", auditor)).isFalse();
    }

    @Test
    void everythingElseNeedsASignedInUserWhoIsNotAnAuditor() {
        assertThat(granted(HttpMethod.POST, "/api/v1/dashboard/refresh", officer)).isTrue();
        assertThat(granted(HttpMethod.POST, "/api/v1/dashboard/refresh", anonymous)).isFalse();
        assertThat(granted(HttpMethod.POST, "/api/v1/dashboard/refresh", null)).isFalse();
        assertThat(granted(HttpMethod.POST, "/api/v1/dashboard/refresh", auditor)).isFalse();
    }

    @Test
    void patternsMatchLikeSpringSecuritysPathMatchers() {
        PathPatterns reads = PathPatterns.of(HttpMethod.GET, List.of("/api/v1/**"));
        assertThat(reads.matches(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/projects/p-1").build())).block().isMatch()).isTrue();
        assertThat(reads.matches(MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/projects").build())).block().isMatch()).isFalse();
        assertThat(reads.matches(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v2/projects").build())).block().isMatch()).isFalse();
        assertThat(PathPatterns.of(List.of()).isEmpty()).isTrue();
    }

    private boolean granted(HttpMethod method, String path, Authentication authentication) {
        AuthorizationContext context = new AuthorizationContext(MockServerWebExchange.from(request(method, path)));
        AuthorizationResult result = rules.authorize(authentication == null ? Mono.empty() : Mono.just(authentication), context).block();
        return result != null && result.isGranted();
    }

    private static MockServerHttpRequest request(HttpMethod method, String path) {
        return MockServerHttpRequest.method(method, path).build();
    }

    private static Authentication signedIn(String role) {
        TestingAuthenticationToken token = new TestingAuthenticationToken("someone", null, role);
        token.setAuthenticated(true);
        return token;
    }
}

package cn.hongqiao.samecity.gateway.local;

import cn.hongqiao.samecity.defaults.problem.InvalidRequestException;
import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import cn.hongqiao.samecity.defaults.security.Roles;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * Local mode only: real signed tokens for the demo users, so that portals and tests sign in as a
 * user of each role without an identity provider. The endpoint does not exist unless local tokens
 * are enabled (profile {@code local}), never in production.
 */
@RestController
@Tag(name = "local-tokens")
@ConditionalOnBooleanProperty("platform.security.local-tokens.enabled")
class LocalTokenController {

    /**
     * @param role         citizen, enterprise, officer, admin, partner or auditor
     * @param subject      another subject than the role's demo user, to act as a second user (1-64 letters, digits or . _ @ -)
     * @param department   for an officer: the department it works for (e.g. 红桥区医疗保障局), at most 60 characters
     * @param enterpriseId for an enterprise user: the id of the enterprise record it acts for
     * @param region       for a partner region's system: its region code (e.g. 110106 北京市丰台区)
     */
    record TokenRequest(@Nullable String role, @Nullable String subject, @Nullable String department, @Nullable String enterpriseId,
            @Nullable String region) {
    }

    private final LocalTokenIssuer issuer;

    LocalTokenController(LocalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** Issues a signed demo token for a role (<code>{"role": "officer"}</code>); exists in local mode only. */
    @PostMapping("/api/v1/local/tokens")
    LocalTokenIssuer.IssuedToken issueLocalToken(@RequestBody(required = false) TokenRequest request) {
        TokenRequest body = request == null ? new TokenRequest(null, null, null, null, null) : request;
        if (body.role() == null || !Roles.ALL.contains(body.role())) {
            throw InvalidRequestException.of("role", "local-token-role", String.join(", ", Roles.ALL));
        }
        if (body.subject() != null && !body.subject().matches("[A-Za-z0-9._@-]{1,64}")) {
            throw InvalidRequestException.of("subject", "local-token-subject");
        }
        if (body.department() != null && (body.department().length() > 60 || !Roles.OFFICER.equals(body.role()))) {
            throw InvalidRequestException.of("department", "local-token-department");
        }
        if (body.enterpriseId() != null && (!body.enterpriseId().matches("[0-9a-f]{24}") || !Roles.ENTERPRISE.equals(body.role()))) {
            throw InvalidRequestException.of("enterpriseId", "local-token-enterprise");
        }
        if (Roles.PARTNER.equals(body.role()) != (body.region() != null) || body.region() != null && !body.region().matches("\\d{6}")) {
            throw InvalidRequestException.of("region", "local-token-region");
        }
        String subject = body.subject() == null && body.region() != null ? "partner-" + body.region() : body.subject();
        return issuer.issue(body.role(), subject, body.department(), body.enterpriseId(), body.region());
    }
}

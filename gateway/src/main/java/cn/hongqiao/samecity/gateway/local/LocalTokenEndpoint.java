package cn.hongqiao.samecity.gateway.local;

import cn.hongqiao.samecity.defaults.problem.InvalidRequestException;
import cn.hongqiao.samecity.defaults.security.LocalTokenIssuer;
import cn.hongqiao.samecity.defaults.security.Roles;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /api/v1/local/tokens} — local mode only: a real signed token for the demo user of a
 * role ({@code {"role": "officer"}}), optionally under another subject to act as a second user,
 * and for an officer optionally of another department ({@code "department": "红桥区医疗保障局"}).
 * The endpoint does not exist unless local tokens are enabled (never in production).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("platform.security.local-tokens.enabled")
class LocalTokenEndpoint {

    record TokenRequest(String role, String subject, String department, String enterpriseId) {
    }

    @Bean
    RouterFunction<ServerResponse> localTokenRoute(LocalTokenIssuer issuer) {
        return RouterFunctions.route(RequestPredicates.POST("/api/v1/local/tokens"), request -> request
                .bodyToMono(TokenRequest.class)
                .defaultIfEmpty(new TokenRequest(null, null, null, null))
                .flatMap(body -> {
                    if (body.role() == null || !Roles.ALL.contains(body.role())) {
                        return Mono.error(InvalidRequestException.of("role", "local-token-role", String.join(", ", Roles.ALL)));
                    }
                    if (body.subject() != null && !body.subject().matches("[A-Za-z0-9._@-]{1,64}")) {
                        return Mono.error(InvalidRequestException.of("subject", "local-token-subject"));
                    }
                    if (body.department() != null && (body.department().length() > 60 || !Roles.OFFICER.equals(body.role()))) {
                        return Mono.error(InvalidRequestException.of("department", "local-token-department"));
                    }
                    if (body.enterpriseId() != null && (!body.enterpriseId().matches("[0-9a-f]{24}") || !Roles.ENTERPRISE.equals(body.role()))) {
                        return Mono.error(InvalidRequestException.of("enterpriseId", "local-token-enterprise"));
                    }
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(issuer.issue(body.role(), body.subject(), body.department(), body.enterpriseId()));
                }));
    }
}

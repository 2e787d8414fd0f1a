package cn.hongqiao.samecity.defaults.security;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who may pass the gateway, as one ordered list of rules, the first whose paths (and method) fit
 * deciding: health, metrics and API documents for anyone; preflight requests; the audit trail for
 * auditors only; the routes whose service decides (and records its refusals) for anyone; public
 * reads and public paths for anyone but an auditor; everything else for a signed-in user who is
 * not an auditor (an auditor reads the trail and nothing else, {@link Roles#AUDITOR}).
 *
 * <p>One authorization manager instead of one registry entry per rule: Spring Security wraps each
 * entry's matcher in a composite matcher and renders a debug message for every entry it tries, even
 * with debug logging off (commons-logging 1.3 builds the message before the level check), which
 * with the rules as separate entries cost 3 % of the gateway's CPU per request (JFR).
 */
final class GatewayAccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

    enum Access {
        ANYONE, AUDITOR, NOT_AN_AUDITOR, SIGNED_IN_NOT_AN_AUDITOR
    }

    record Rule(PathPatterns where, Access access) {
    }

    private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));
    private static final AuthorizationResult DENIED = new AuthorizationDecision(false);
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final List<Rule> rules;
    private final PathPatterns decidedBehind;

    private GatewayAccessRules(List<Rule> rules, PathPatterns decidedBehind) {
        this.rules = List.copyOf(rules);
        this.decidedBehind = decidedBehind;
    }

    static GatewayAccessRules of(List<String> decidedBehind, List<String> publicGet, List<String> publicAny) {
        PathPatterns behind = PathPatterns.of(decidedBehind);
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(PathPatterns.of("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**"), Access.ANYONE));
        rules.add(new Rule(PathPatterns.of(HttpMethod.OPTIONS, List.of("/**")), Access.ANYONE));
        rules.add(new Rule(PathPatterns.of(Roles.AUDIT_API), Access.AUDITOR));
        rules.add(new Rule(behind, Access.ANYONE));
        rules.add(new Rule(PathPatterns.of(HttpMethod.GET, publicGet), Access.NOT_AN_AUDITOR));
        rules.add(new Rule(PathPatterns.of(publicAny), Access.NOT_AN_AUDITOR));
        return new GatewayAccessRules(rules.stream().filter(rule -> !rule.where().isEmpty()).toList(), behind);
    }

    /** The routes whose service decides: a token refused here still goes on to them. */
    PathPatterns decidedBehind() {
        return decidedBehind;
    }

    /** The access the first fitting rule grants; signed in and not an auditor when none fits. */
    Access accessFor(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        PathContainer path = request.getPath().pathWithinApplication();
        for (Rule rule : rules) {
            if (rule.where().matches(method, path)) {
                return rule.access();
            }
        }
        return Access.SIGNED_IN_NOT_AN_AUDITOR;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Access access = accessFor(context.getExchange().getRequest());
        if (access == Access.ANYONE) {
            return GRANTED;
        }
        return authentication.map(a -> decide(access, a)).defaultIfEmpty(access == Access.NOT_AN_AUDITOR ? new AuthorizationDecision(true) : DENIED);
    }

    private static AuthorizationResult decide(Access access, Authentication authentication) {
        boolean signedIn = authentication.isAuthenticated() && !TRUST.isAnonymous(authentication);
        boolean granted = switch (access) {
            case ANYONE -> true;
            case AUDITOR -> signedIn && Roles.isAuditor(authentication);
            case NOT_AN_AUDITOR -> !Roles.isAuditor(authentication);
            case SIGNED_IN_NOT_AN_AUDITOR -> signedIn && !Roles.isAuditor(authentication);
        };
        return granted ? new AuthorizationDecision(true) : DENIED;
    }

    /** The same rules as the manager Spring Security's authorization filter asks about an exchange. */
    ReactiveAuthorizationManager<ServerWebExchange> forExchanges() {
        return (authentication, exchange) -> authorize(authentication, new AuthorizationContext(exchange));
    }

    @Override
    public String toString() {
        return "GatewayAccessRules";
    }
}

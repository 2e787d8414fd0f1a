package cn.hongqiao.samecity.defaults.security;

import java.io.IOException;

import cn.hongqiao.samecity.defaults.PlatformMisconfiguredException;
import cn.hongqiao.samecity.defaults.problem.ServletProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every Spring MVC service is an OAuth2 resource server: a request is trusted for its signed
 * token, never for having come through the gateway. Public reads ({@code platform.security.public-get})
 * are open; everything else needs a token, and each write checks its role with
 * {@code @PreAuthorize}. 401 and 403 answer as problem details.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@EnableMethodSecurity
public class ServletSecurityAutoConfiguration {

    static final String NO_ISSUER = "No token issuer is configured: this service cannot check who is calling.";
    static final String HOW_TO_SET_ISSUER = """
            Set OIDC_ISSUER_URI (for example https://sso.example.gov.cn/realms/samecity) or OIDC_JWK_SET_URI \
            to your OpenID Connect provider, or run locally with the 'local' profile, which trusts the \
            local demo-token key (see README, "Security and demo tokens").""";

    @Bean
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, PlatformSecurityProperties properties,
            ObjectProvider<JwtDecoder> decoders, ServletProblems writer) throws Exception {
        JwtDecoder issuerDecoder = decoders.getIfAvailable();
        if (issuerDecoder == null) {
            throw new PlatformMisconfiguredException(NO_ISSUER, HOW_TO_SET_ISSUER);
        }
        JwtDecoder decoder = new VerifiedTokenCache().guarding(issuerDecoder);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus").permitAll();
                    requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                            "/error").permitAll();
                    // the auditor reads the trail and nothing else; nobody else reads it
                    requests.requestMatchers(Roles.AUDIT_API).hasRole(Roles.AUDITOR.toUpperCase(java.util.Locale.ROOT));
                    AuthorizationManager<RequestAuthorizationContext> notAnAuditor =
                            (authentication, context) -> new AuthorizationDecision(!Roles.isAuditor(authentication.get()));
                    for (String pattern : properties.publicGet()) {
                        requests.requestMatchers(HttpMethod.GET, pattern).access(notAnAuditor);
                    }
                    for (String pattern : properties.publicAny()) {
                        requests.requestMatchers(pattern).access(notAnAuditor);
                    }
                    requests.anyRequest().access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(), notAnAuditor));
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(RoleClaimsConverter.jwtAuthenticationConverter()))
                        .authenticationEntryPoint((request, response, e) -> unauthorized(writer, request, response, hasBearer(request)))
                        .accessDeniedHandler((request, response, e) -> forbidden(writer, request, response)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> unauthorized(writer, request, response, false))
                        .accessDeniedHandler((request, response, e) -> forbidden(writer, request, response)));
        return http.build();
    }

    /** Roles are checked before the body is read and validated (see {@link AuthorizeBeforeBinding}). */
    @Bean
    WebMvcConfigurer authorizeBeforeBinding() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuthorizeBeforeBinding());
            }
        };
    }

    private static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static void unauthorized(ServletProblems problems, HttpServletRequest request, HttpServletResponse response,
            boolean tokenPresent) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, SecurityProblems.wwwAuthenticate(tokenPresent));
        problems.write(request, response, SecurityProblems.unauthorized(problems.messages(), ServletProblems.locale(request),
                request.getRequestURI(), tokenPresent));
    }

    private static void forbidden(ServletProblems problems, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        problems.write(request, response,
                SecurityProblems.forbidden(problems.messages(), ServletProblems.locale(request), request.getRequestURI()));
    }
}

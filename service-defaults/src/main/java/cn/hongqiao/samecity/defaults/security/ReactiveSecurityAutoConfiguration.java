package cn.hongqiao.samecity.defaults.security;

import java.util.List;

import cn.hongqiao.samecity.defaults.PlatformMisconfiguredException;
import cn.hongqiao.samecity.defaults.problem.ReactiveProblems;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.security.web.server.authorization.ExceptionTranslationWebFilter;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's side of the same rules: a resource server that lets public reads and the paths
 * named in {@code platform.security.public-any} through anonymously and asks a valid token of
 * everything else. Roles are enforced again by each service.
 */
@AutoConfiguration(before = { ReactiveOAuth2ResourceServerAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
        ReactiveManagementWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ SecurityWebFilterChain.class, ReactiveJwtDecoder.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class ReactiveSecurityAutoConfiguration {

    @Bean
    SecurityWebFilterChain platformSecurityWebFilterChain(ServerHttpSecurity http, PlatformSecurityProperties properties,
            ObjectProvider<ReactiveJwtDecoder> decoders, ReactiveProblems problems, ObjectProvider<DecidedBehind> decidedBehind) {
        ReactiveJwtDecoder issuerDecoder = decoders.getIfAvailable();
        if (issuerDecoder == null) {
            throw new PlatformMisconfiguredException(ServletSecurityAutoConfiguration.NO_ISSUER,
                    ServletSecurityAutoConfiguration.HOW_TO_SET_ISSUER);
        }
        ReactiveAuthenticationManager tokens = new VerifiedTokenCache().authenticating(issuerDecoder);
        List<String> behind = decidedBehind.orderedStream().flatMap(d -> d.patterns().stream()).toList();
        GatewayAccessRules access = GatewayAccessRules.of(behind, properties.publicGet(), properties.publicAny());
        PathPatterns passedOn = access.decidedBehind();
        // CORS, when the application defines a CorsConfigurationSource (the gateway does), runs before
        // authentication, so a browser's preflight is answered without a token.
        return http.cors(org.springframework.security.config.Customizer.withDefaults())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // Spring Security's default response headers, by one writer (SecurityHeaders)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new HttpHeaderWriterWebFilter(new SecurityHeaders()), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                // Stateless: the token is the whole security context. The default repository asks for
                // a WebSession on every request, and creating one hops to a blocking-capable thread
                // and back (a fifth of the gateway's CPU per request, measured with async-profiler).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                // the rules in one manager (GatewayAccessRules), checked once per request by Spring Security's
                // authorization filter itself: authorizeExchange() would put it behind a delegating manager that
                // matches anyExchange() and renders a debug message per request, logging off or not
                // (commons-logging 1.3 formats before the level check; about 1 % of the gateway's CPU, JFR)
                .addFilterAt(exceptionTranslation(problems), SecurityWebFiltersOrder.EXCEPTION_TRANSLATION)
                .addFilterAt(new AuthorizationWebFilter(access.forExchanges()), SecurityWebFiltersOrder.AUTHORIZATION)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        // the header's token read without a regular expression (BearerTokens)
                        .bearerTokenConverter(new BearerTokens())
                        // a token verified by the issuer's decoder and its roles read once, then remembered (VerifiedTokenCache)
                        .jwt(jwt -> jwt.authenticationManager(tokens))
                        // a token not verified here, on a route decided behind, goes on as it came (the service refuses it, on its record)
                        .authenticationFailureHandler((filterExchange, e) -> {
                            if (e instanceof AuthenticationServiceException) {
                                return Mono.error(e);
                            }
                            return passedOn.matches(filterExchange.getExchange()).flatMap(match -> match.isMatch()
                                    ? filterExchange.getChain().filter(filterExchange.getExchange())
                                    : unauthorized(problems, filterExchange.getExchange(), true));
                        })
                        .authenticationEntryPoint((exchange, e) -> unauthorized(problems, exchange, hasBearer(exchange)))
                        .accessDeniedHandler((exchange, e) -> forbidden(problems, exchange)))
                .build();
    }

    /** What authorizeExchange() would add before the authorization filter: a refusal answered as a problem. */
    private static ExceptionTranslationWebFilter exceptionTranslation(ReactiveProblems problems) {
        ExceptionTranslationWebFilter translation = new ExceptionTranslationWebFilter();
        translation.setAuthenticationEntryPoint((exchange, e) -> unauthorized(problems, exchange, false));
        translation.setAccessDeniedHandler((exchange, e) -> forbidden(problems, exchange));
        return translation;
    }

    /**
     * Spring Security's strict firewall, its character rules checked without regular expressions
     * ({@link StrictFirewall}); on a server that refuses CR/LF in response headers itself, without its
     * own check of them ({@link ResponseHeadersLeftToTheServer}).
     */
    @Bean
    @ConditionalOnMissingBean(ServerWebExchangeFirewall.class)
    ServerWebExchangeFirewall platformFirewall(ListableBeanFactory beans, Environment environment) {
        StrictServerWebExchangeFirewall strict = StrictFirewall.create();
        return ResponseHeadersLeftToTheServer.nettyValidatingHeaders(beans, environment) ? new ResponseHeadersLeftToTheServer(strict) : strict;
    }

    /** The one chain run without the general case's per-request search and chain building ({@link OneChainProxy}). */
    @Bean
    static BeanPostProcessor oneSecurityChainProxy(ObjectProvider<SecurityWebFilterChain> chains,
            ObjectProvider<ServerWebExchangeFirewall> firewalls, ObjectProvider<ServerExchangeRejectedHandler> rejectedHandlers) {
        return OneChainProxy.replacingSpringSecuritys(chains, firewalls, rejectedHandlers);
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    private static boolean hasBearer(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static Mono<Void> unauthorized(ReactiveProblems problems, ServerWebExchange exchange, boolean tokenPresent) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, SecurityProblems.wwwAuthenticate(tokenPresent));
        return problems.write(exchange, SecurityProblems.unauthorized(problems.messages(), ReactiveProblems.locale(exchange),
                path(exchange), tokenPresent));
    }

    private static Mono<Void> forbidden(ReactiveProblems problems, ServerWebExchange exchange) {
        return problems.write(exchange, SecurityProblems.forbidden(problems.messages(), ReactiveProblems.locale(exchange), path(exchange)));
    }
}

package cn.hongqiao.samecity.defaults.security;

import java.time.Clock;

import cn.hongqiao.samecity.defaults.PlatformDefaultsEnvironmentPostProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Local mode only ({@code platform.security.local-tokens.enabled}, set by the {@code local}
 * profile): every process trusts tokens signed by the shared local key instead of an OIDC
 * provider. The gateway also hands them out (see its local token endpoint).
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnBooleanProperty("platform.security.local-tokens.enabled")
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class LocalTokensAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalTokensAutoConfiguration.class);

    @Bean
    LocalTokenIssuer localTokenIssuer(PlatformSecurityProperties properties) {
        var local = properties.localTokens();
        log.warn("Local tokens are enabled (profile '{}'): trusting the local signing key in {}. Never use this in production.",
                PlatformDefaultsEnvironmentPostProcessor.LOCAL_PROFILE, local.keyDir().toAbsolutePath());
        return new LocalTokenIssuer(local.keyDir(), local.ttl(), Clock.systemUTC());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    static class Servlet {
        @Bean
        JwtDecoder localJwtDecoder(LocalTokenIssuer issuer) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(LocalTokenIssuer.ISSUER)));
            return decoder;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    static class Reactive {
        @Bean
        ReactiveJwtDecoder localReactiveJwtDecoder(LocalTokenIssuer issuer) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(issuer.publicKey()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(LocalTokenIssuer.ISSUER));
            return decoder;
        }
    }
}

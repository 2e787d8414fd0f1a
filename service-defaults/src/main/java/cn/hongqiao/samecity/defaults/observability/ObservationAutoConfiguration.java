package cn.hongqiao.samecity.defaults.observability;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Observations worth their cost on every request: HTTP server and client, Feign, MongoDB, the
 * gateway's routes. Spring Security's (a span per filter, per authentication and per authorization)
 * are not made at all: with them off, Spring Security also leaves its filter chain undecorated
 * (decorated, every filter of the chain ran inside two more operators and a checkpoint: 4 % of the
 * gateway's CPU per request, measured with JFR). Authentication failures still show in the HTTP
 * server metrics by status and in the logs.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationPredicate.class)
public class ObservationAutoConfiguration {

    /** Any Spring Security observation that a settings bean does not cover (none is expected). */
    @Bean
    ObservationPredicate noSecurityFilterObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityObservationSettings.class)
    static class SecurityObservations {

        @Bean
        SecurityObservationSettings noSecurityObservations() {
            return SecurityObservationSettings.noObservations();
        }
    }
}

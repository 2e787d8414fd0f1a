package cn.hongqiao.samecity.defaults.observability;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Observations worth their cost on every request: HTTP server and client, Feign, MongoDB, the
 * gateway's routes. Spring Security's per-filter observations (a dozen spans per request, measured
 * as a share of the gateway's CPU per request) are switched off; authentication failures still show
 * in the HTTP server metrics by status and in the logs.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationPredicate.class)
public class ObservationAutoConfiguration {

    @Bean
    ObservationPredicate noSecurityFilterObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }
}

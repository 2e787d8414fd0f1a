package cn.hongqiao.samecity.defaults.audit;

import java.time.Clock;

import cn.hongqiao.samecity.defaults.PlatformMisconfiguredException;
import cn.hongqiao.samecity.defaults.scheduling.Lease;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The audit trail of every servlet service, applied like the rest of the defaults: a filter
 * outside the security filters (so refused requests are recorded too) writing to the service's own
 * database.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "cn.hongqiao.samecity.defaults.time.ClockAutoConfiguration", "cn.hongqiao.samecity.defaults.scheduling.LeaseAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnBooleanProperty(name = "platform.audit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuditProperties.class)
@EnableScheduling
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    AuditTrail auditTrail(MongoTemplate mongo, AuditProperties properties, Environment env, ObjectProvider<MeterRegistry> meters) {
        if (properties.retention().compareTo(AuditProperties.LEAST_RETENTION) < 0) {
            throw new PlatformMisconfiguredException("platform.audit.retention is " + properties.retention()
                    + ": audit records must be kept at least 180 days (网络安全法: network logs at least six months).",
                    "Set PLATFORM_AUDIT_RETENTION to P180D or longer, or leave it unset (180 days).");
        }
        return new AuditTrail(mongo, properties.digest(), env.getProperty("spring.application.name", "service"), meters.getIfAvailable());
    }

    @Bean
    @ConditionalOnBean(AuditTrail.class)
    AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }

    @Bean
    @ConditionalOnBean(AuditTrail.class)
    AuditRetention auditRetention(AuditTrail trail, AuditProperties properties, Clock clock, ObjectProvider<Lease> lease) {
        return new AuditRetention(trail, properties.retention(), clock, lease.getIfAvailable());
    }

    @Bean
    @ConditionalOnBean(AuditTrail.class)
    FilterRegistrationBean<AuditFilter> auditFilter(AuditTrail trail, AuditProperties properties, Environment env, Clock clock,
            ObjectProvider<Tracer> tracer) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(
                new AuditFilter(trail, properties, env.getProperty("spring.application.name", "service"), clock, tracer));
        // before Spring Security's filter chain (-100) and after tracing's observation filter, so the trace id is known
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}

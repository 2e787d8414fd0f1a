package cn.hongqiao.samecity.defaults.scheduling;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The {@link Lease} every service's scheduled jobs run under, so that two replicas never both run one. */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "cn.hongqiao.samecity.defaults.time.ClockAutoConfiguration" })
@ConditionalOnClass(MongoTemplate.class)
public class LeaseAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MongoTemplate.class)
    Lease lease(MongoTemplate mongo, Clock clock) {
        return new Lease(mongo, clock);
    }
}

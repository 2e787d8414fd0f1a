package cn.hongqiao.samecity.defaults.mongo;

import cn.hongqiao.samecity.defaults.PlatformMisconfiguredException;
import com.mongodb.client.MongoClient;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.config.EnableMongoAuditing;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every service that uses MongoDB gets: a refusal to start when no database is configured
 * (production never falls back to localhost or to embedded mode by accident), and the
 * {@code database} health indicator that the readiness group includes.
 */
@AutoConfiguration(after = { MongoAutoConfiguration.class, DataMongoAutoConfiguration.class, EmbeddedMongoAutoConfiguration.class })
@ConditionalOnClass({ MongoClient.class, MongoTemplate.class })
public class MongoConfigurationAutoConfiguration {

    static final String NOT_CONFIGURED = "No MongoDB is configured for this service.";
    static final String HOW_TO_CONFIGURE = """
            Set the environment variable MONGODB_URI (for example \
            mongodb://user:password@mongo:27017/projects?authSource=projects), \
            or choose embedded mode explicitly for local use with PLATFORM_MONGODB_EMBEDDED=true \
            (the 'local' profile does this; see README, "Quick start").""";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "platform.mongodb.embedded", havingValue = false, matchIfMissing = true)
    static class ExternalMongoRequired {

        /** Runs before any bean is made, so nothing tries localhost:27017 first. */
        @Bean
        static BeanFactoryPostProcessor mongoConfigurationCheck(Environment env) {
            return beanFactory -> {
                boolean configured = env.containsProperty("spring.mongodb.uri") || env.containsProperty("spring.mongodb.host");
                if (!configured) {
                    throw new PlatformMisconfiguredException(NOT_CONFIGURED, HOW_TO_CONFIGURE);
                }
            };
        }
    }

    /** createdAt / updatedAt on documents that declare them. */
    @Configuration(proxyBeanMethods = false)
    @EnableMongoAuditing
    static class Auditing {
    }

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    DatabaseHealthIndicator database(MongoTemplate mongoTemplate, Environment env) {
        boolean embedded = env.getProperty("platform.mongodb.embedded", Boolean.class, false);
        return new DatabaseHealthIndicator(mongoTemplate, embedded ? "embedded" : "external");
    }

    /** Pings the service's database; works on MongoDB and on the embedded wire server. */
    public static class DatabaseHealthIndicator extends AbstractHealthIndicator {

        private final MongoTemplate mongoTemplate;
        private final String mode;

        DatabaseHealthIndicator(MongoTemplate mongoTemplate, String mode) {
            super("MongoDB ping failed");
            this.mongoTemplate = mongoTemplate;
            this.mode = mode;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            mongoTemplate.executeCommand("{ ping: 1 }");
            builder.up().withDetail("database", mongoTemplate.getDb().getName()).withDetail("mode", mode);
        }
    }
}

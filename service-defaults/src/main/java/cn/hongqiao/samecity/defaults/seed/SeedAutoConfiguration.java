package cn.hongqiao.samecity.defaults.seed;

import java.util.List;

import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Seeds load at start when {@code platform.seeds.enabled=true} (the {@code local} profile sets
 * it; in a cluster the seed Job sets it together with {@code platform.seeds.exit-after-load=true},
 * which ends the process after loading). Start-up fails if a seed file is invalid.
 */
@AutoConfiguration(after = DataMongoAutoConfiguration.class)
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnBean(MongoTemplate.class)
public class SeedAutoConfiguration {

    @Bean
    SeedLoader seedLoader(MongoTemplate mongo, JsonMapper json, Validator validator, List<SeedSet<?>> sets) {
        return new SeedLoader(mongo, json, validator, sets);
    }

    @Bean
    @ConditionalOnBooleanProperty("platform.seeds.enabled")
    ApplicationRunner seedRunner(SeedLoader loader, Environment env, ApplicationContext context) {
        return args -> {
            String location = env.getProperty("platform.seeds.location");
            String folder = env.getProperty("platform.seeds.folder", env.getProperty("spring.application.name", ""));
            String pattern = location != null ? "file:" + location.replaceAll("/+$", "") + "/*.json"
                    : "classpath*:seeds/" + folder + "/*.json";
            loader.load(pattern);
            if (env.getProperty("platform.seeds.exit-after-load", Boolean.class, false)) {
                System.exit(SpringApplication.exit(context, () -> 0));
            }
        };
    }
}

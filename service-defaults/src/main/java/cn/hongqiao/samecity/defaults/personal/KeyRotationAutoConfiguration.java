package cn.hongqiao.samecity.defaults.personal;

import java.time.Duration;

import cn.hongqiao.samecity.defaults.scheduling.Lease;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The personal-data {@link KeyRotation}: at start and nightly ({@code platform.personal-data.rotation-schedule}), on one replica. */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "cn.hongqiao.samecity.defaults.scheduling.LeaseAutoConfiguration" }, after = PersonalDataAutoConfiguration.class)
@ConditionalOnClass(value = MongoTemplate.class, name = "com.google.crypto.tink.Aead")
@Conditional(PersonalDataAutoConfiguration.Configured.class)
@EnableScheduling
public class KeyRotationAutoConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    KeyRotation keyRotation(MongoTemplate mongo, PersonalDataKeys keys, PersonalDataProperties properties, ObjectProvider<MeterRegistry> meters) {
        KeyRotation rotation = new KeyRotation(mongo, keys, properties.collections());
        meters.ifAvailable(registry -> Gauge.builder("personal_data.old_key_values", rotation, KeyRotation::left)
                .description("Personal values still sealed under an old key (0: the old keys can be dropped)").register(registry));
        return rotation;
    }

    @Bean
    @ConditionalOnBean(KeyRotation.class)
    RotationSchedule personalDataRotationSchedule(KeyRotation rotation, ObjectProvider<Lease> lease) {
        return new RotationSchedule(rotation, lease.getIfAvailable());
    }

    /** The rotation at start and nightly ({@code platform.personal-data.rotation-schedule}), on one replica. */
    static final class RotationSchedule {
        private final KeyRotation rotation;
        private final @Nullable Lease lease;

        RotationSchedule(KeyRotation rotation, @Nullable Lease lease) {
            this.rotation = rotation;
            this.lease = lease;
        }

        @EventListener(ApplicationReadyEvent.class)
        @Scheduled(cron = "${platform.personal-data.rotation-schedule:0 45 2 * * *}", zone = "${platform.clock.zone:Asia/Shanghai}")
        void rotate() {
            if (lease == null) {
                rotation.run();
            } else {
                lease.runExclusively("personal-data-rotation", Duration.ofMinutes(30), rotation::run);
            }
        }
    }
}

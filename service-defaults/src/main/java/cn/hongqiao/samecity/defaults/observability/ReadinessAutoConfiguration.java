package cn.hongqiao.samecity.defaults.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Bean;

/**
 * {@code platform.readiness}: 1 while the process accepts traffic, 0 while it refuses it (what its
 * readiness probe answers), so that a pod going in and out of readiness shows in Prometheus (the
 * alert {@code SamecityReadinessFlapping} counts its changes).
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class ReadinessAutoConfiguration {

    @Bean
    MeterBinder platformReadiness(ApplicationAvailability availability) {
        return registry -> Gauge.builder("platform.readiness", availability,
                        a -> a.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC ? 1 : 0)
                .description("1 while this process accepts traffic (its readiness probe answers UP), 0 while it refuses it")
                .register(registry);
    }
}

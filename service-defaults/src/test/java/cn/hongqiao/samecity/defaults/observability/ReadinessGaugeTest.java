package cn.hongqiao.samecity.defaults.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The gauge the readiness-flapping alert counts the changes of follows what the readiness probe answers. */
class ReadinessGaugeTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReadinessAutoConfiguration.class))
            .withBean(ApplicationAvailabilityBean.class);

    @Test
    void platformReadinessIsOneWhileAcceptingTrafficAndZeroWhileRefusingIt() {
        context.run(started -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            started.getBean(MeterBinder.class).bindTo(registry);
            AvailabilityChangeEvent.publish(started, ReadinessState.ACCEPTING_TRAFFIC);
            assertThat(registry.get("platform.readiness").gauge().value()).isEqualTo(1.0);
            AvailabilityChangeEvent.publish(started, ReadinessState.REFUSING_TRAFFIC);
            assertThat(registry.get("platform.readiness").gauge().value()).isZero();
        });
    }
}

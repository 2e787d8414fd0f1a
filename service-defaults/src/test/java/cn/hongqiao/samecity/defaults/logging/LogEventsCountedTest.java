package cn.hongqiao.samecity.defaults.logging;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code logback.events} counts what Micrometer's turbo filter counts, as the same meters, without
 * putting a filter in front of every level check.
 */
class LogEventsCountedTest {

    private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

    private final LoggerContext logging = new LoggerContext();

    @Test
    void itCountsEveryLevelAsMicrometersTurboFilterDoes() {
        MeterRegistry micrometers = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        new LogbackMetrics(Tags.of("service", "x"), logging).bindTo(micrometers);
        new LogEventsCounted(Tags.of("service", "x"), logging).bindTo(ours);
        logging.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        logging.getLogger("chatty").setLevel(Level.TRACE);
        logging.getLogger("quiet").setLevel(Level.WARN);

        logSomeOfEverything();

        for (String level : LEVELS) {
            Counter expected = micrometers.get("logback.events").tags("service", "x", "level", level).counter();
            Counter counted = ours.get("logback.events").tags("service", "x", "level", level).counter();
            assertThat(counted.count()).as(level).isEqualTo(expected.count());
            assertThat(counted.getId().getDescription()).isEqualTo(expected.getId().getDescription());
            assertThat(counted.getId().getBaseUnit()).isEqualTo(expected.getId().getBaseUnit());
        }
        assertThat(LEVELS).map(level -> ours.get("logback.events").tag("level", level).counter().count())
            .containsExactly(3.0, 3.0, 2.0, 1.0, 1.0);
    }

    @Test
    void itPutsNothingInFrontOfTheLevelChecks() {
        new LogEventsCounted(Tags.empty(), logging).bindTo(new SimpleMeterRegistry());
        assertThat(logging.getTurboFilterList()).isEmpty();
    }

    @Test
    void itCountsOnAfterTheLoggingIsResetAndStopsWhenClosed() {
        MeterRegistry registry = new SimpleMeterRegistry();
        LogEventsCounted counted = new LogEventsCounted(Tags.empty(), logging);
        counted.bindTo(registry);
        Counter warnings = registry.get("logback.events").tag("level", "warn").counter();

        logging.reset();
        logging.getLogger("after.reset").warn("counted");
        assertThat(warnings.count()).isEqualTo(1);

        counted.close();
        logging.getLogger("after.close").warn("not counted");
        assertThat(warnings.count()).isEqualTo(1);
        assertThat(logging.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).isExhausted();
    }

    @Test
    void springBootsTurboFilterMetricsBackOffForIt() {
        LoggerContext processLogging = (LoggerContext) LoggerFactory.getILoggerFactory();
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, LogEventsAutoConfiguration.class,
                    LogbackMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .run(context -> {
                assertThat(context.getBeansOfType(LogbackMetrics.class).values()).singleElement().isInstanceOf(LogEventsCounted.class);
                assertThat(processLogging.getTurboFilterList()).isEmpty();
                Counter errors = context.getBean(MeterRegistry.class).get("logback.events").tag("level", "error").counter();
                LoggerFactory.getLogger(LogEventsCountedTest.class).error("an error the platform would count");
                assertThat(errors.count()).isEqualTo(1);
            });
    }

    /** Every level from a logger at TRACE, one at WARN and the root at INFO: 3 errors, 3 warnings, 2 infos, 1 debug, 1 trace enabled. */
    private void logSomeOfEverything() {
        for (String name : List.of("chatty", "quiet", Logger.ROOT_LOGGER_NAME)) {
            org.slf4j.Logger logger = logging.getLogger(name);
            logger.isDebugEnabled();
            logger.error("error {}", name);
            logger.warn("warn");
            logger.info("info");
            logger.debug("debug {}", 1);
            logger.trace("trace");
        }
    }
}

package cn.hongqiao.samecity.defaults.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's own tracing and metrics configuration: an observation's meters are recorded inside
 * its span when the span is sampled (so Prometheus can take the trace as an exemplar) and outside it
 * when it is not, recorded either way, in the one meter handler Spring Boot registers.
 */
class ExemplarScopeTest {

    /** A meter handler that notes the span current while the observation's meters are recorded. */
    static final class SpanNotingMeters implements MeterObservationHandler<Observation.Context> {

        final List<String> recordedIn = new ArrayList<>();
        private final Tracer tracer;

        SpanNotingMeters(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public void onStop(Observation.Context context) {
            Span current = tracer.currentSpan();
            recordedIn.add(current == null ? "no span" : current.context().spanId());
        }
    }

    @Test
    void aSampledSpanIsCurrentWhileItsMetersAreRecorded() {
        runOne(1.0, (meters, span) -> assertThat(meters.recordedIn).containsExactly(span.context().spanId()));
    }

    @Test
    void aSpanTheSamplerLeftOutIsNotMadeCurrentAndItsMetersAreRecordedAllTheSame() {
        runOne(0.0, (meters, span) -> {
            assertThat(span.context().sampled()).isFalse();
            assertThat(meters.recordedIn).containsExactly("no span");
        });
    }

    private void runOne(double sampling, BiConsumer<SpanNotingMeters, Span> then) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                        ExemplarScopeAutoConfiguration.class))
                .withPropertyValues("management.tracing.sampling.probability=" + sampling)
                .withBean(SpanNotingMeters.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(MeterRegistry.class);
                    SpanNotingMeters meters = context.getBean(SpanNotingMeters.class);
                    Observation observation = Observation.start("platform.test", context.getBean(ObservationRegistry.class));
                    TracingContext tracing = observation.getContext().getRequired(TracingContext.class);
                    Span span = tracing.getSpan();
                    observation.stop();
                    then.accept(meters, span);
                });
    }
}

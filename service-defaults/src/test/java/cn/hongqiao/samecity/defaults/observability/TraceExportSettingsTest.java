package cn.hongqiao.samecity.defaults.observability;

import java.util.Map;

import cn.hongqiao.samecity.defaults.PlatformDefaultsEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces go where the standard OpenTelemetry variables say, and nowhere when they say nothing;
 * how many requests are traced is {@code TRACING_SAMPLING} (every one by default).
 */
class TraceExportSettingsTest {

    private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    private static final String SAMPLING = "management.tracing.sampling.probability";

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new PlatformDefaultsEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void withoutAnEndpointNothingIsExportedAndEveryRequestIsSampled() {
        StandardEnvironment env = environment(Map.of());
        assertThat(env.getProperty(ENDPOINT)).isNull();
        assertThat(env.getProperty(SAMPLING, Double.class)).isEqualTo(1.0);
    }

    @Test
    void theBaseEndpointGetsTheTracesPathAsTheSpecificationSays() {
        assertThat(environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.monitoring:4318")).getProperty(ENDPOINT))
                .isEqualTo("http://collector.monitoring:4318/v1/traces");
        assertThat(environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.monitoring:4318/")).getProperty(ENDPOINT))
                .isEqualTo("http://collector.monitoring:4318/v1/traces");
    }

    @Test
    void theTracesOwnEndpointIsTakenAsItIsAndWins() {
        assertThat(environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces.example.gov.cn/otlp/traces")).getProperty(ENDPOINT))
                .isEqualTo("https://traces.example.gov.cn/otlp/traces");
    }

    @Test
    void samplingIsTheOperatorsChoiceAndABootPropertyStillWins() {
        assertThat(environment(Map.of("TRACING_SAMPLING", "0.1")).getProperty(SAMPLING, Double.class)).isEqualTo(0.1);
        assertThat(environment(Map.of("TRACING_SAMPLING", "0.1", SAMPLING, "0.5")).getProperty(SAMPLING, Double.class)).isEqualTo(0.5);
    }
}

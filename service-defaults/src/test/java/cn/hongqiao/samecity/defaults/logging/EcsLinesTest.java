package cn.hongqiao.samecity.defaults.logging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's log lines: Spring Boot's ECS lines, byte for byte, encoded in one step. */
class EcsLinesTest {

    private final LoggerContext logback = new LoggerContext();

    private final StructuredLogFormatter<ILoggingEvent> lines = new StructuredLogFormatterFactory<>(ILoggingEvent.class,
            new MockEnvironment().withProperty("spring.application.name", "services-service"),
            parameters -> parameters.add(ThrowableProxyConverter.class, started(new ThrowableProxyConverter())), common -> {
            }).get(EcsLines.class.getName());

    @Test
    void springBootMakesItByItsNameWithThePlatformsDefaultFormat() {
        assertThat(lines).isInstanceOf(EcsLines.class);
        assertThat(EcsLines.consoleFormat("ecs")).isEqualTo(EcsLines.class.getName());
        assertThat(EcsLines.consoleFormat("ecs-spring")).isEqualTo("ecs");
        assertThat(EcsLines.consoleFormat("logstash")).isEqualTo("logstash");
    }

    @Test
    void writesTheBytesSpringBootsEcsFormatterWrites() {
        StructuredLogFormatter<ILoggingEvent> spring = ((EcsLines) lines).springFormatter();
        for (ILoggingEvent event : List.of(
                event("audit record 7", Map.of("event.category", "audit", "user.id", "citizen-1", "url.path", "/api/v1/applications/65f0",
                        "http.response.status_code", 201), null),
                event("申请 \"已受理\"\n第二行\ttab \\ 反斜杠 \u0001 🚀", Map.of("label", "证照·办理"), null),
                event("Peer failed", Map.of(), new IllegalStateException("对方超时")))) {
            byte[] written = lines.formatAsBytes(event, StandardCharsets.UTF_8);
            assertThat(written).isEqualTo(spring.formatAsBytes(event, StandardCharsets.UTF_8));
            assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(lines.format(event))
                    .startsWith("{\"@timestamp\"").contains("\"service\":{\"name\":\"services-service\"").endsWith("}\n");
        }
        assertThat(lines.format(event("audit record 7", Map.of("event.category", "audit"), null)))
                .contains("\"message\":\"audit record 7\"", "\"event\":{\"category\":\"audit\"}");
    }

    private ILoggingEvent event(String message, Map<String, Object> pairs, Throwable thrown) {
        LoggingEvent event = new LoggingEvent("test", logback.getLogger("audit"), Level.INFO, message, thrown, null);
        event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
        pairs.forEach((key, value) -> event.addKeyValuePair(new KeyValuePair(key, value)));
        return event;
    }

    private static ThrowableProxyConverter started(ThrowableProxyConverter converter) {
        converter.start();
        return converter;
    }
}

package cn.hongqiao.samecity.defaults.logging;

import java.lang.reflect.Constructor;
import java.nio.charset.Charset;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The console's log lines in Spring Boot's own Elastic Common Schema format ({@code LOG_FORMAT=ecs},
 * the default), the same JSON, encoded to bytes in one step. Spring Boot 4.0's formatter writes each
 * line through an unbuffered {@code OutputStreamWriter}, which runs the charset encoder once per
 * character (spring-boot#49428, rewritten in 4.1): that was three fifths of the audit writer's CPU,
 * which logs every audit record. Here the line is built as a string, as the formatter's
 * {@link StructuredLogFormatter#format} does, and encoded once. Remove with Spring Boot 4.1.
 *
 * <p>Spring Boot instantiates it by name ({@code logging.structured.format.console}, set by the
 * platform's defaults) with the parameters its ECS formatter takes, and it creates that formatter:
 * the class is package-private, so it is looked up by name; a Spring Boot without it fails at
 * start-up, loudly (and {@code EcsLinesTest} first).
 */
public final class EcsLines implements StructuredLogFormatter<ILoggingEvent> {

    static final String SPRING_ECS_FORMATTER = "org.springframework.boot.logging.logback.ElasticCommonSchemaStructuredLogFormatter";

    private final StructuredLogFormatter<ILoggingEvent> ecs;

    public EcsLines(Environment environment, @Nullable StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter, StructuredLoggingJsonMembersCustomizer.Builder<?> customizer) {
        this.ecs = springEcs(environment, stackTracePrinter, contextPairs, throwableProxyConverter, customizer);
    }

    @SuppressWarnings("unchecked")
    static StructuredLogFormatter<ILoggingEvent> springEcs(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
            ContextPairs contextPairs, ThrowableProxyConverter throwableProxyConverter, StructuredLoggingJsonMembersCustomizer.Builder<?> customizer) {
        try {
            Constructor<?> constructor = Class.forName(SPRING_ECS_FORMATTER).getDeclaredConstructor(Environment.class, StackTracePrinter.class,
                    ContextPairs.class, ThrowableProxyConverter.class, StructuredLoggingJsonMembersCustomizer.Builder.class);
            constructor.setAccessible(true);
            return (StructuredLogFormatter<ILoggingEvent>) constructor.newInstance(environment, stackTracePrinter, contextPairs,
                    throwableProxyConverter, customizer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Spring Boot's ECS log formatter (" + SPRING_ECS_FORMATTER + ") is not as EcsLines expects: "
                    + "set LOG_FORMAT=ecs-spring to use it as it is, and see EcsLines", e);
        }
    }

    /**
     * {@code logging.structured.format.console} for {@code LOG_FORMAT}: ecs (the default) through these
     * lines, ecs-spring as Spring Boot writes it, any other (logstash, gelf, a class) as given.
     */
    public static String consoleFormat(String logFormat) {
        return switch (logFormat.trim()) {
            case "ecs" -> EcsLines.class.getName();
            case "ecs-spring" -> "ecs";
            default -> logFormat;
        };
    }

    /** Spring Boot's ECS formatter, which writes the same lines (for the test that says so). */
    StructuredLogFormatter<ILoggingEvent> springFormatter() {
        return ecs;
    }

    @Override
    public String format(ILoggingEvent event) {
        return ecs.format(event);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return ecs.format(event).getBytes(charset);
    }
}

package cn.hongqiao.samecity.defaults.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;

/**
 * Spring Boot's {@code logback.events} counters (Micrometer's name, {@code level} tag, description and
 * unit), counted by an appender on the root logger instead of Micrometer's turbo filter. A turbo filter
 * stands in front of every level check of the process, the disabled ones included: each
 * {@code isDebugEnabled()} that Spring, Reactor and Netty ask on a request's way through the gateway
 * went through it (2.3 % of the gateway's JFR samples per anonymous request, 2026-12-05). An appender
 * sees only the events that are logged, which are the ones counted.
 *
 * <p>The one difference: an event of a logger configured with {@code additivity="false"} does not reach
 * the root logger and is not counted. The platform configures none.
 *
 * <p>Like Micrometer's, the counting survives a reset of the logging context (a logging
 * re-initialisation), and {@link #close()} takes it away.
 */
final class LogEventsCounted extends LogbackMetrics {

    private static final String NAME = "logback.events";

    private static final String DESCRIPTION = "Number of log events that were enabled by the effective log level";

    private final LoggerContext context;

    private final Iterable<Tag> tags;

    private final List<CountingAppender> appenders = new CopyOnWriteArrayList<>();

    LogEventsCounted(Iterable<Tag> tags, LoggerContext context) {
        super(tags, context);
        this.context = context;
        this.tags = tags;
        context.addListener(new ReattachOnReset());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CountingAppender appender = new CountingAppender(registry, this.tags);
        appender.setContext(this.context);
        appender.start();
        this.appenders.add(appender);
        root().addAppender(appender);
    }

    @Override
    public void close() {
        for (CountingAppender appender : this.appenders) {
            root().detachAppender(appender);
            appender.stop();
        }
        this.appenders.clear();
        super.close();
    }

    private Logger root() {
        return this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** A reset detaches and stops every appender; the counting goes on with the same counters. */
    private final class ReattachOnReset implements LoggerContextListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext resetContext) {
            for (CountingAppender appender : LogEventsCounted.this.appenders) {
                appender.start();
                root().addAppender(appender);
            }
        }

        @Override
        public void onStart(LoggerContext startedContext) {
        }

        @Override
        public void onStop(LoggerContext stoppedContext) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }

    private static final class CountingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final Counter error;

        private final Counter warn;

        private final Counter info;

        private final Counter debug;

        private final Counter trace;

        CountingAppender(MeterRegistry registry, Iterable<Tag> tags) {
            setName("logback.events");
            this.error = counter(registry, tags, "error");
            this.warn = counter(registry, tags, "warn");
            this.info = counter(registry, tags, "info");
            this.debug = counter(registry, tags, "debug");
            this.trace = counter(registry, tags, "trace");
        }

        private static Counter counter(MeterRegistry registry, Iterable<Tag> tags, String level) {
            return Counter.builder(NAME)
                .tags(tags)
                .tag("level", level)
                .description(DESCRIPTION)
                .baseUnit(BaseUnits.EVENTS)
                .register(registry);
        }

        @Override
        protected void append(ILoggingEvent event) {
            switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> this.error.increment();
                case Level.WARN_INT -> this.warn.increment();
                case Level.INFO_INT -> this.info.increment();
                case Level.DEBUG_INT -> this.debug.increment();
                case Level.TRACE_INT -> this.trace.increment();
                default -> { }
            }
        }
    }
}

package cn.hongqiao.samecity.defaults.time;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The one clock every rule that depends on "today" reads (delay warnings, SLA due dates), in the
 * district's time zone ({@code platform.clock.zone}, default Asia/Shanghai). Setting
 * {@code platform.clock.fixed} (an ISO offset date-time) stops it there: for tests and for
 * demonstrating how warnings evolve.
 */
@AutoConfiguration
public class ClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(Environment env) {
        ZoneId zone = ZoneId.of(env.getProperty("platform.clock.zone", "Asia/Shanghai"));
        String fixed = env.getProperty("platform.clock.fixed");
        return fixed == null || fixed.isBlank() ? Clock.system(zone) : Clock.fixed(OffsetDateTime.parse(fixed).toInstant(), zone);
    }
}

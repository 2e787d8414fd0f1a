package cn.hongqiao.samecity.defaults.peers;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** {@link PeerFallbacks} for every service that calls another. */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
public class PeerFallbacksAutoConfiguration {

    @Bean
    PeerFallbacks peerFallbacks(MeterRegistry meters) {
        return new PeerFallbacks(meters);
    }
}

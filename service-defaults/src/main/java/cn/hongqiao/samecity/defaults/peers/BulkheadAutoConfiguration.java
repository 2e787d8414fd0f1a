package cn.hongqiao.samecity.defaults.peers;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Bulkheads sized for the platform's load instead of Resilience4j's default of 25 concurrent
 * calls, which turned the 26th concurrent request into a fallback (measured: 50 concurrent
 * settlements through the gateway, 25 answered 503). {@code platform.peers.max-concurrent-calls}
 * (default 200, Tomcat's thread count) and {@code platform.peers.max-wait} (default 500 ms).
 */
@AutoConfiguration
@ConditionalOnClass(name = { "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder",
        "io.github.resilience4j.bulkhead.BulkheadConfig" })
public class BulkheadAutoConfiguration {

    static Resilience4jBulkheadConfigurationBuilder.BulkheadConfiguration sized(Environment env) {
        int calls = env.getProperty("platform.peers.max-concurrent-calls", Integer.class, 200);
        Duration wait = env.getProperty("platform.peers.max-wait", Duration.class, Duration.ofMillis(500));
        return new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(calls).maxWaitDuration(wait).build())
                .threadPoolBulkheadConfig(ThreadPoolBulkheadConfig.custom().coreThreadPoolSize(Math.min(calls, 20))
                        .maxThreadPoolSize(calls).queueCapacity(calls).build())
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider")
    static class Blocking {
        @Bean
        Customizer<Resilience4jBulkheadProvider> platformBulkheads(Environment env) {
            return provider -> provider.configureDefault(id -> sized(env));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider",
            "reactor.core.publisher.Mono" })
    static class Reactive {
        @Bean
        Customizer<ReactiveResilience4jBulkheadProvider> platformReactiveBulkheads(Environment env) {
            return provider -> provider.configureDefault(id -> sized(env));
        }
    }
}

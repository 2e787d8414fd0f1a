package cn.hongqiao.samecity.projects.enterprises;

import feign.Retryer;

import org.springframework.context.annotation.Bean;

/**
 * The directory only reads, so an I/O failure is retried once after 100 ms (inside the circuit
 * breaker). Not a @Configuration: it applies to this client alone.
 */
class EnterpriseDirectoryConfiguration {

    @Bean
    Retryer enterpriseDirectoryRetryer() {
        return new Retryer.Default(100, 500, 2);
    }
}

package cn.hongqiao.samecity.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as it comes: the same versions as the platform's gateway, one route to
 * projects-service ({@code application.properties}), and no security, rate limiter, circuit
 * breaker, retry, tracing or metrics. bench/gateway-overhead.sh measures the platform's gateway
 * against it in the same run.
 */
@SpringBootApplication
public class BareGateway {

    public static void main(String[] args) {
        SpringApplication.run(BareGateway.class, args);
    }
}

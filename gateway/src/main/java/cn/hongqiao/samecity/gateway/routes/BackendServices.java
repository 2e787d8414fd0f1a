package cn.hongqiao.samecity.gateway.routes;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code platform.gateway.services}: the one place that says which service answers which
 * resource. Each service lists the first path segment under {@code /api/v1/} of every resource
 * it owns; adding a resource to a service is adding one line here.
 */
@Validated
@ConfigurationProperties("platform.gateway")
public record BackendServices(Map<String, @Valid Backend> services) {

    public BackendServices {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
    }

    /**
     * @param uri       where the service listens
     * @param resources resource names under {@code /api/v1/}
     * @param timeout   how long the gateway waits for an answer before it says the service is
     *                  unavailable (503 problem, reason {@code timeout})
     */
    public record Backend(@NotNull URI uri, @NotEmpty List<String> resources, Duration timeout, Duration connectTimeout) {
        public Backend {
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        }
    }
}

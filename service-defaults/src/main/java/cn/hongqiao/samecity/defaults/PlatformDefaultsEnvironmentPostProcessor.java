package cn.hongqiao.samecity.defaults;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.hongqiao.samecity.defaults.logging.EcsLines;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;

/**
 * The platform's defaults, written once for every process. They sit below everything an
 * application or operator sets, so any of them can be overridden in the usual ways.
 *
 * <p>Also maps the platform's documented environment variables ({@code MONGODB_URI},
 * {@code OIDC_ISSUER_URI}, {@code OIDC_JWK_SET_URI}) onto Spring Boot 4's property names, and
 * turns on local mode (embedded MongoDB, local tokens, seeds at start) for the {@code local}
 * profile.
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "platformDefaults";
    public static final String LOCAL_PROFILE = "local";

    private static final boolean FEIGN_PRESENT =
            ClassUtils.isPresent("org.springframework.cloud.openfeign.FeignClient", null);
    private static final boolean MONGO_PRESENT =
            ClassUtils.isPresent("org.springframework.data.mongodb.core.MongoTemplate", null);

    @Override
    public int getOrder() {
        // After config data (application.yml, profiles) has been read.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> d = new LinkedHashMap<>();

        // Actuator: probes that tell the truth, metrics for Prometheus.
        d.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.endpoint.health.probes.add-additional-paths", "false");
        d.put("management.endpoint.health.show-components", "always");
        d.put("management.endpoint.health.group.liveness.include", "livenessState");
        d.put("management.endpoint.health.group.readiness.include",
                MONGO_PRESENT ? "readinessState,database" : "readinessState");
        d.put("management.endpoint.health.group.startup.include", "livenessState,readinessState");
        // Boot's own Mongo check sends 'hello', which the embedded server does not answer;
        // DatabaseHealthIndicator pings instead, on real and embedded MongoDB alike.
        d.put("management.health.mongodb.enabled", "false");
        // Traces: every request sampled unless TRACING_SAMPLING says otherwise (the prod overlay: 0.1);
        // exported over OTLP/HTTP only when the standard OTEL_EXPORTER_OTLP_* variables name an endpoint.
        d.put("management.tracing.sampling.probability", "${TRACING_SAMPLING:1.0}");
        // W3C trace context only, read and written (Boot also reads B3 in two forms by default), and no
        // baggage, which the platform does not use: each cost a share of the gateway's CPU per request
        d.put("management.tracing.propagation.type", "w3c");
        d.put("management.tracing.baggage.enabled", "false");
        String traces = otlpTracesEndpoint(env.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), env.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (traces != null) {
            d.put("management.opentelemetry.tracing.export.otlp.endpoint", traces);
        }
        // Reactive code (the gateway) reads the trace from the request (ReactiveTraceIds), not from
        // the MDC: Reactor's automatic context propagation cost a fifth of the gateway's CPU per request.
        d.put("spring.reactor.context-propagation", "limited");
        d.put("management.metrics.tags.application", "${spring.application.name}");
        // observations make timers, not also a long-task timer per request (*.active: read by no
        // dashboard or alert, and 1.4 % of the gateway's CPU per request)
        d.put("management.metrics.observations.ignored-meters", "long-task-timer");
        // latency histograms, so dashboards can compute p99 across replicas
        d.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        // exemplars (trace ids) on histogram buckets only: Prometheus before 2.43 (Debian 12 ships 2.42)
        // rejects the whole scrape when a histogram's _count carries one
        d.put("management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");

        // MongoDB mapping: money as Decimal128 (exact), indexes declared on the documents.
        d.put("spring.data.mongodb.representation.big-decimal", "decimal128");
        d.put("spring.data.mongodb.auto-index-creation", "true");

        // Logs: one JSON object per line (Elastic Common Schema), with trace and span ids; Spring Boot's
        // ECS format encoded in one step (logging.EcsLines); LOG_FORMAT=ecs-spring is Spring Boot's as it is.
        d.put("logging.structured.format.console", EcsLines.consoleFormat(env.getProperty("LOG_FORMAT", "ecs")));

        // Errors: RFC 9457 problem details, never a stack trace.
        d.put("spring.mvc.problemdetails.enabled", "true");
        // WebFlux: every error reaches the platform's WebExceptionHandler, which writes the request's
        // trace id; WebFlux's own ProblemDetail handler would not.
        d.put("spring.webflux.problemdetails.enabled", "false");
        d.put("server.error.include-stacktrace", "never");
        d.put("server.error.include-message", "never");
        d.put("spring.jackson.deserialization.fail-on-unknown-properties", "true");
        // Problems in the caller's language (zh-CN unless Accept-Language prefers en): each process's
        // own messages first, then the platform's; a base file is Chinese, never the machine's locale.
        d.put("spring.messages.basename", "problems,platform-problems");
        d.put("spring.messages.fallback-to-system-locale", "false");

        // Behind the gateway: links (Location) name the gateway's address from its X-Forwarded-*
        // headers. Services are reachable only from the gateway (NetworkPolicy in k8s/).
        d.put("server.forward-headers-strategy", "framework");

        // Lifecycle.
        d.put("server.shutdown", "graceful");
        d.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");

        // OpenAPI.
        d.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        d.put("springdoc.api-docs.path", "/v3/api-docs");
        d.put("springdoc.writer-with-order-by-keys", "true");
        d.put("springdoc.default-produces-media-type", "application/json");
        d.put("springdoc.default-consumes-media-type", "application/json");

        // Calls between services: every Feign client behind a Resilience4j circuit breaker. The
        // real timeout is the HTTP client's; the time limiter is only a wider net (a cold JVM's
        // first call can take a second). A fallback must say it is one (see each client).
        if (FEIGN_PRESENT) {
            d.put("spring.cloud.openfeign.circuitbreaker.enabled", "true");
            // calls stay on the request's thread (semaphore bulkhead): trace context and request
            // scope follow, and the HTTP client's timeout is the limit
            d.put("spring.cloud.circuitbreaker.resilience4j.disable-thread-pool", "true");
            d.put("spring.cloud.openfeign.client.config.default.connect-timeout", "1000");
            d.put("spring.cloud.openfeign.client.config.default.read-timeout", "3000");
            d.put("resilience4j.timelimiter.configs.default.timeout-duration", "10s");
            d.put("resilience4j.circuitbreaker.configs.default.sliding-window-size", "20");
            d.put("resilience4j.circuitbreaker.configs.default.minimum-number-of-calls", "10");
            d.put("resilience4j.circuitbreaker.configs.default.failure-rate-threshold", "50");
            d.put("resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state", "10s");
            d.put("resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state", "3");
            // a peer's 4xx is an answer (held by another, not found), not a sign it is failing
            d.put("resilience4j.circuitbreaker.configs.default.ignore-exceptions", "feign.FeignException$FeignClientException");
        }

        // The documented environment variables, mapped to Boot 4 names.
        mapEnv(env, d, "MONGODB_URI", "spring.mongodb.uri");
        mapEnv(env, d, "OIDC_ISSUER_URI", "spring.security.oauth2.resourceserver.jwt.issuer-uri");
        mapEnv(env, d, "OIDC_JWK_SET_URI", "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        mapEnv(env, d, "PERSONAL_DATA_KEYSET", "platform.personal-data.keyset");
        mapEnv(env, d, "PERSONAL_DATA_KEYSET_FILE", "platform.personal-data.keyset-file");

        if (env.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            d.put("platform.mongodb.embedded", "true");
            d.put("platform.security.local-tokens.enabled", "true");
            d.put("platform.seeds.enabled", "true");
            // personal data sealed with keys made on first start, beside the local token key
            d.putIfAbsent("platform.personal-data.keyset-file", ".local/keys/personal-data-${spring.application.name}.json");
            d.put("platform.personal-data.create-keyset", "true");
        }
        env.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, d));
    }

    /**
     * The traces' URL as the OpenTelemetry specification builds it: the signal's own variable as it
     * is, else the base endpoint with {@code /v1/traces} appended; null when neither is set.
     */
    static @org.jspecify.annotations.Nullable String otlpTracesEndpoint(@org.jspecify.annotations.Nullable String traces,
            @org.jspecify.annotations.Nullable String base) {
        if (traces != null && !traces.isBlank()) {
            return traces.trim();
        }
        if (base != null && !base.isBlank()) {
            String trimmed = base.trim();
            return (trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed) + "/v1/traces";
        }
        return null;
    }

    private static void mapEnv(ConfigurableEnvironment env, Map<String, Object> d, String variable, String property) {
        String value = env.getProperty(variable);
        if (value != null && !value.isBlank()) {
            d.put(property, value);
        }
    }
}

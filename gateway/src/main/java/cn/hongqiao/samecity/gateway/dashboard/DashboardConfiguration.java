package cn.hongqiao.samecity.gateway.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import cn.hongqiao.samecity.gateway.routes.BackendServices;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/v1/dashboard}: the district at a glance for big screens and portals, gathered
 * from the services in parallel. Each section says whether it is available; a section that fails
 * or takes longer than its service's timeout is marked unavailable with the reason while the
 * others answer. Sections that need a role (the lead funnel, the desk's applications) are read
 * with the caller's own token and are "forbidden" for others. Answers are cached for
 * {@code platform.dashboard.cache-ttl} (default 10 s) per caller.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** One section: its data, or why it is missing. */
    record Section(boolean available, String reason, Object data) {
        static Section of(Object data) {
            return new Section(true, null, data);
        }

        static Section unavailable(String reason) {
            return new Section(false, reason, null);
        }
    }

    private record Part(String service, String path, boolean withToken) {
    }

    /** Section name → what it reads. Adding a section is one line. */
    private static final Map<String, Part> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("projects", new Part("projects-service", "/api/v1/project-statistics", false));
        SECTIONS.put("redWarnings", new Part("projects-service", "/api/v1/warnings?colour=RED&size=5", false));
        SECTIONS.put("soeBranches", new Part("enterprise-service", "/api/v1/soe-branches/summary", false));
        SECTIONS.put("enterprises", new Part("enterprise-service", "/api/v1/enterprises?size=1", false));
        SECTIONS.put("leadFunnel", new Part("enterprise-service", "/api/v1/leads/funnel", true));
        SECTIONS.put("serviceFigures", new Part("services-service", "/api/v1/service-figures", false));
        SECTIONS.put("serviceItems", new Part("services-service", "/api/v1/service-items?size=1", false));
        SECTIONS.put("medicalInstitutions", new Part("services-service", "/api/v1/medical-institutions?size=1", false));
        SECTIONS.put("openApplications", new Part("services-service", "/api/v1/applications?status=IN_PROGRESS&size=1", true));
        SECTIONS.put("overdueApplications", new Part("services-service", "/api/v1/applications/overdue?size=1", true));
    }

    private record Cached(Instant until, Map<String, Section> dashboard) {
    }

    @Bean
    RouterFunction<ServerResponse> dashboardRoute(BackendServices backends, WebClient.Builder builder,
            @Value("${platform.dashboard.cache-ttl:10s}") Duration ttl) {
        WebClient client = builder.build();
        Map<String, Cached> cache = new ConcurrentHashMap<>();
        return RouterFunctions.route(RequestPredicates.GET("/api/v1/dashboard"), request -> {
            String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
            // the whole header is the key: a hash of it could let two callers share role-bound sections
            String key = authorization == null ? "anonymous" : authorization;
            Cached cached = cache.get(key);
            if (cached != null && cached.until().isAfter(Instant.now())) {
                return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(cached.dashboard());
            }
            return Flux.fromIterable(SECTIONS.entrySet())
                    .flatMap(e -> section(client, backends, e.getValue(), authorization).map(s -> Map.entry(e.getKey(), s)))
                    .collectList()
                    .map(entries -> {
                        Map<String, Section> dashboard = new LinkedHashMap<>();
                        SECTIONS.keySet().forEach(name -> entries.stream().filter(e -> e.getKey().equals(name)).findFirst()
                                .ifPresent(e -> dashboard.put(name, e.getValue())));
                        if (cache.size() > 1000) {
                            cache.clear();
                        }
                        cache.put(key, new Cached(Instant.now().plus(ttl), dashboard));
                        return dashboard;
                    })
                    .flatMap(dashboard -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(dashboard));
        });
    }

    private static Mono<Section> section(WebClient client, BackendServices backends, Part part, String authorization) {
        BackendServices.Backend backend = backends.services().get(part.service());
        if (backend == null) {
            return Mono.just(Section.unavailable("not-configured"));
        }
        if (part.withToken() && authorization == null) {
            return Mono.just(Section.unavailable("unauthorized"));
        }
        WebClient.RequestHeadersSpec<?> call = client.get().uri(backend.uri() + part.path());
        if (part.withToken()) {
            call = call.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return call.retrieve().bodyToMono(JsonNode.class)
                .timeout(backend.timeout())
                .map(body -> Section.of(body))
                .onErrorResume(e -> Mono.just(Section.unavailable(reason(e))));
    }

    static String reason(Throwable e) {
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        if (e instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            return status == 401 ? "unauthorized" : status == 403 ? "forbidden" : "failed-response";
        }
        if (e.getClass().getName().contains("Decod") || e.getClass().getName().startsWith("tools.jackson")) {
            return "malformed-response";
        }
        return "unreachable";
    }

    static List<String> sections() {
        return List.copyOf(SECTIONS.keySet());
    }
}

package cn.hongqiao.samecity.gateway.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.hongqiao.samecity.gateway.routes.BackendReads;
import cn.hongqiao.samecity.gateway.routes.BackendReads.Section;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/dashboard}: the district at a glance for big screens and portals, gathered
 * from the services in parallel. Each section says whether it is available; a section that fails
 * or takes longer than its service's timeout is marked unavailable with the reason while the
 * others answer. Sections that need a role (the lead funnel, the desk's applications) are read
 * with the caller's own token and are "forbidden" for others. Answers are cached for
 * {@code platform.dashboard.cache-ttl} (default 10 s) per caller.
 */
@RestController
@Tag(name = "dashboard")
class DashboardController {

    private record Cached(Instant until, Map<String, Section> dashboard) {
    }

    private final BackendReads reads;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    DashboardController(BackendReads reads, @Value("${platform.dashboard.cache-ttl:10s}") Duration ttl) {
        this.reads = reads;
        this.ttl = ttl;
    }

    /**
     * The district at a glance, each section read from its service in parallel and marked
     * available or not with the reason; sections that need a role use the caller's token.
     */
    @GetMapping("/api/v1/dashboard")
    Mono<Map<String, Section>> getDashboard(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        // the whole header is the key: a hash of it could let two callers share role-bound sections
        String key = authorization == null ? "anonymous" : authorization;
        Cached cached = cache.get(key);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Mono.just(cached.dashboard());
        }
        return Flux.fromIterable(DashboardSections.SECTIONS.entrySet())
                .flatMap(e -> section(reads, e.getValue(), authorization).map(s -> Map.entry(e.getKey(), s)))
                .collectList()
                .map(entries -> {
                    Map<String, Section> dashboard = new LinkedHashMap<>();
                    DashboardSections.SECTIONS.keySet().forEach(name -> entries.stream().filter(e -> e.getKey().equals(name)).findFirst()
                            .ifPresent(e -> dashboard.put(name, e.getValue())));
                    if (cache.size() > 1000) {
                        cache.clear();
                    }
                    cache.put(key, new Cached(Instant.now().plus(ttl), dashboard));
                    return dashboard;
                });
    }

    private static Mono<Section> section(BackendReads reads, DashboardSections.Part part, @Nullable String authorization) {
        if (part.withToken() && authorization == null) {
            return Mono.just(Section.unavailable("unauthorized"));
        }
        return reads.get(part.service(), part.path(), part.withToken() ? authorization : null, null);
    }
}

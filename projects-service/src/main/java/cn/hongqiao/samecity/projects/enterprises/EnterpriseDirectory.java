package cn.hongqiao.samecity.projects.enterprises;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.jspecify.annotations.Nullable;

/**
 * enterprise-service, as projects-service reads it: the enterprises settled in a project. A
 * public read, so it carries no token. Guarded by a Resilience4j circuit breaker; its fallback
 * ({@link EnterpriseDirectoryFallback}, beside it) answers "unavailable", never an empty list.
 */
@FeignClient(name = "enterprise-service", url = "${platform.peers.enterprise-service}",
        fallbackFactory = EnterpriseDirectoryFallback.class, configuration = EnterpriseDirectoryConfiguration.class)
public interface EnterpriseDirectory {

    @GetMapping("/api/v1/enterprises")
    EnterprisePage settledIn(@RequestParam("settledProject") String projectId, @RequestParam("size") int size);

    /** What this service needs of an enterprise; other fields of the answer are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EnterpriseSummary(String id, @Nullable String creditCode, String name, String kind, String kindName) {
    }

    /**
     * A page of enterprises. {@code unavailableReason} is never in enterprise-service's answer: it
     * is set only by the fallback, so a real empty page and a failure cannot be confused.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EnterprisePage(List<EnterpriseSummary> items, long totalItems, @Nullable String unavailableReason) {

        static EnterprisePage unavailable(String reason) {
            return new EnterprisePage(List.of(), 0, reason);
        }

        boolean available() {
            return unavailableReason == null;
        }
    }
}

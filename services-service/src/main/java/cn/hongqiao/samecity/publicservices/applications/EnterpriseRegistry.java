package cn.hongqiao.samecity.publicservices.applications;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.jspecify.annotations.Nullable;

/**
 * enterprise-service, as services-service reads it: is the enterprise with this credit code
 * registered? A public read (no token). Its fallback ({@link EnterpriseRegistryFallback}, beside
 * it) answers "unknown now", never "not registered".
 */
@FeignClient(name = "enterprise-service", url = "${platform.peers.enterprise-service}", fallbackFactory = EnterpriseRegistryFallback.class)
interface EnterpriseRegistry {

    @GetMapping("/api/v1/enterprises")
    Page byCreditCode(@RequestParam("creditCode") String creditCode, @RequestParam("size") int size);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id, @Nullable String creditCode, String name) {
    }

    /** {@code unavailableReason} is set only by the fallback. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<Entry> items, long totalItems, @Nullable String unavailableReason) {
    }
}

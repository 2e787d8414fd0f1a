package cn.hongqiao.samecity.enterprise.settlement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.jspecify.annotations.Nullable;

/**
 * projects-service's units, as enterprise-service changes them: occupy and release a unit for an
 * enterprise. Both are idempotent there (the same enterprise asking again gets the same answer),
 * so repeating a request after a failure is safe. Each call carries the caller's token: the
 * officer's authority is checked again by projects-service. Behind a circuit breaker; the
 * fallback ({@link UnitRegistryFallback}, beside it) never pretends a unit was confirmed.
 */
@FeignClient(name = "projects-service", url = "${platform.peers.projects-service}", fallbackFactory = UnitRegistryFallback.class)
public interface UnitRegistry {

    @PostMapping("/api/v1/units/{unitId}/occupancy")
    UnitHolding occupy(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable("unitId") String unitId,
            @RequestBody HolderRequest request);

    @PostMapping("/api/v1/units/{unitId}/release")
    UnitHolding release(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable("unitId") String unitId,
            @RequestBody HolderRequest request);

    record HolderRequest(String enterpriseId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UnitHolding(String id, String projectId, String buildingId, String code, String status, @Nullable Holder holder) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Holder(String enterpriseId) {
    }
}

package cn.hongqiao.samecity.defaults.audit;

import java.time.Instant;

import cn.hongqiao.samecity.defaults.problem.InvalidRequestException;
import cn.hongqiao.samecity.defaults.web.Paging;
import io.swagger.v3.oas.annotations.Hidden;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/audit}: this service's trail, for the auditor only, as the gateway gathers it from
 * every service ({@code GET /api/v1/audit/records} and {@code /verification} there merge the
 * services' answers; this one is not routed, so it is left out of the service's API document).
 * Reading it is itself recorded. Nothing here or anywhere changes or deletes a record.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('AUDITOR')")
@Hidden
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** This service's records matching every filter given, newest first; {@code before} a sequence for the next page. */
    @GetMapping("/records")
    AuditTrail.Slice listAuditRecords(@RequestParam(required = false) @Nullable String subject,
            @RequestParam(required = false) @Nullable String resourceType, @RequestParam(required = false) @Nullable String resourceId,
            @RequestParam(required = false) @Nullable String method, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) AuditRecord.@Nullable Outcome outcome, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to, @RequestParam(required = false) @Nullable Long before,
            @RequestParam(required = false) @Nullable Integer size) {
        int s = size == null ? Paging.DEFAULT_SIZE : size;
        if (s < 1 || s > Paging.MAX_SIZE) {
            throw InvalidRequestException.of("size", "size-range", Paging.MAX_SIZE);
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw InvalidRequestException.of("to", "audit-range");
        }
        if (before != null && before < 1) {
            throw InvalidRequestException.of("before", "audit-before");
        }
        return trail.search(new AuditTrail.Filter(subject, resourceType, resourceId, method, action, outcome, from, to), before, s);
    }

    /** Walks this service's chain from its newest checkpoint: intact, or the first broken link. */
    @GetMapping("/verification")
    AuditTrail.Verification verifyAuditTrail() {
        return trail.verify();
    }
}

package cn.hongqiao.samecity.enterprise.settlement;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.enterprise.registry.Enterprise;
import cn.hongqiao.samecity.enterprise.registry.Settlement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * <code>/api/v1/enterprises/{id}/settlement</code>: an officer settles an enterprise into a unit of a
 * project (POST) or moves it out (DELETE). Repeating either request is safe.
 */
@Tag(name = "settlement")
@RestController
@RequestMapping("/api/v1/enterprises/{enterpriseId}/settlement")
class SettlementController {

    record SettleRequest(@NotBlank @Pattern(regexp = "[0-9a-f]{24}", message = "{rule.unit-id}") String unitId) {
    }

    record SettlementView(String enterpriseId, String enterpriseName, @Nullable Settlement settlement) {
        static SettlementView of(Enterprise e) {
            return new SettlementView(e.id(), e.name(), e.settlement());
        }
    }

    private final SettlementDesk desk;

    SettlementController(SettlementDesk desk) {
        this.desk = desk;
    }

    /**
     * Settles an enterprise into a unit: projects-service occupies it with the officer's token
     * relayed; when projects-service cannot answer the settlement stays visibly PENDING and repeating
     * the request completes it.
     */
    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(problems = { "unit-held-by-another", "already-settled", "settlement-pending", "service-unavailable" })
    SettlementView settleEnterprise(@PathVariable String enterpriseId, @Valid @RequestBody SettleRequest request,
            JwtAuthenticationToken caller) {
        return SettlementView.of(desk.settle(enterpriseId, request.unitId(), bearer(caller)));
    }

    /**
     * Moves an enterprise out: the unit is released first, then the settlement forgotten; it stays
     * settled (503) when projects-service cannot answer.
     */
    @DeleteMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(problems = { "unit-release-refused", "service-unavailable" })
    SettlementView moveOutEnterprise(@PathVariable String enterpriseId, JwtAuthenticationToken caller) {
        return SettlementView.of(desk.moveOut(enterpriseId, bearer(caller)));
    }

    /** The caller's own token, relayed to projects-service so that it checks the caller's role itself. */
    private static String bearer(JwtAuthenticationToken caller) {
        return "Bearer " + caller.getToken().getTokenValue();
    }
}

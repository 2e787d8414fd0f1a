package cn.hongqiao.samecity.enterprise.settlement;

import cn.hongqiao.samecity.enterprise.registry.Enterprise;
import cn.hongqiao.samecity.enterprise.registry.Settlement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/enterprises/{id}/settlement}: an officer settles an enterprise into a unit of a
 * project (POST) or moves it out (DELETE). Repeating either request is safe.
 */
@RestController
@RequestMapping("/api/v1/enterprises/{enterpriseId}/settlement")
class SettlementController {

    record SettleRequest(@NotBlank @Pattern(regexp = "[0-9a-f]{24}", message = "{rule.unit-id}") String unitId) {
    }

    record SettlementView(String enterpriseId, String enterpriseName, Settlement settlement) {
        static SettlementView of(Enterprise e) {
            return new SettlementView(e.id(), e.name(), e.settlement());
        }
    }

    private final SettlementDesk desk;

    SettlementController(SettlementDesk desk) {
        this.desk = desk;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    SettlementView settle(@PathVariable String enterpriseId, @Valid @RequestBody SettleRequest request,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return SettlementView.of(desk.settle(enterpriseId, request.unitId(), authorization));
    }

    @DeleteMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    SettlementView moveOut(@PathVariable String enterpriseId, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return SettlementView.of(desk.moveOut(enterpriseId, authorization));
    }
}

package cn.hongqiao.samecity.enterprise.settlement;

import java.time.Clock;

import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.problem.PeerUnavailableException;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.problem.StateConflict;
import cn.hongqiao.samecity.enterprise.registry.Enterprise;
import cn.hongqiao.samecity.enterprise.registry.EnterpriseRepository;
import cn.hongqiao.samecity.enterprise.settlement.UnitRegistryFallback.RegistryUnavailable;
import cn.hongqiao.samecity.enterprise.settlement.UnitRegistryFallback.UnitRefused;

import org.springframework.stereotype.Component;

/**
 * Settling an enterprise into a unit across two services without a transaction:
 * <ol>
 * <li>the enterprise records a PENDING settlement (one versioned document write);</li>
 * <li>projects-service occupies the unit for it (idempotent there);</li>
 * <li>the enterprise records the settlement CONFIRMED with the unit's project and building.</li>
 * </ol>
 * If projects-service refuses (held by another, no such unit) the pending request is dropped and
 * nothing remains. If it cannot answer, the settlement stays visibly PENDING (the unit may or may
 * not be held) and the answer is a 503 saying so; repeating the same request completes it, since
 * every step is idempotent. Moving out releases the unit first and forgets the settlement only
 * once projects-service confirms.
 */
@Component
class SettlementDesk {

    static final String PROJECTS = "projects-service";

    private final EnterpriseRepository enterprises;
    private final UnitRegistry units;
    private final Clock clock;

    SettlementDesk(EnterpriseRepository enterprises, UnitRegistry units, Clock clock) {
        this.enterprises = enterprises;
        this.units = units;
        this.clock = clock;
    }

    Enterprise settle(String enterpriseId, String unitId, String authorization) {
        Enterprise enterprise = find(enterpriseId);
        if (enterprise.settlement() != null && enterprise.settlement().unitId().equals(unitId)
                && enterprise.settlement().status() == cn.hongqiao.samecity.enterprise.registry.Settlement.Status.CONFIRMED) {
            return enterprise; // the same request again: the same answer
        }
        enterprise.requestSettlement(unitId, clock.instant());
        enterprise = enterprises.save(enterprise);
        UnitRegistry.UnitHolding unit;
        try {
            unit = units.occupy(authorization, unitId, new UnitRegistry.HolderRequest(enterpriseId));
        } catch (UnitRefused refused) {
            enterprise.abandonSettlement();
            enterprises.save(enterprise);
            if (refused.status == 404) {
                throw new RuleViolation("unitId", "unit-unknown", unitId);
            }
            if (refused.status == 409) {
                throw new StateConflict("unit-held-by-another", java.util.Map.of("unitId", unitId), unitId);
            }
            throw new PeerUnavailableException(PROJECTS, "failed-response", "problem.service-unavailable.unit-refused", refused.status);
        } catch (RegistryUnavailable unavailable) {
            throw new PeerUnavailableException(PROJECTS, unavailable.reason, "problem.service-unavailable.settlement-pending",
                    unavailable.reason);
        }
        if (unit == null || unit.holder() == null || !enterpriseId.equals(unit.holder().enterpriseId())) {
            throw new PeerUnavailableException(PROJECTS, "malformed-response", "problem.service-unavailable.settlement-unconfirmed");
        }
        enterprise.confirmSettlement(unit.projectId(), unit.buildingId(), clock.instant());
        return enterprises.save(enterprise);
    }

    Enterprise moveOut(String enterpriseId, String authorization) {
        Enterprise enterprise = find(enterpriseId);
        if (enterprise.settlement() == null) {
            return enterprise; // moving out again: already out
        }
        try {
            units.release(authorization, enterprise.settlement().unitId(), new UnitRegistry.HolderRequest(enterpriseId));
        } catch (UnitRefused refused) {
            if (refused.status != 404) {
                throw new StateConflict("unit-release-refused", java.util.Map.of("unitId", enterprise.settlement().unitId()),
                        enterprise.settlement().unitId(), refused.status);
            }
            // the unit no longer exists: nothing to release
        } catch (RegistryUnavailable unavailable) {
            throw new PeerUnavailableException(PROJECTS, unavailable.reason, "problem.service-unavailable.release-pending",
                    unavailable.reason);
        }
        enterprise.moveOut();
        return enterprises.save(enterprise);
    }

    private Enterprise find(String enterpriseId) {
        return enterprises.findById(enterpriseId).orElseThrow(() -> new NotFoundException("enterprise", enterpriseId));
    }
}

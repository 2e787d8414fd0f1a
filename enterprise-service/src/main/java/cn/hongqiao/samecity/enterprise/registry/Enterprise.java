package cn.hongqiao.samecity.enterprise.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.problem.StateConflict;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** An enterprise registered in the district (企业). */
@Document("enterprises")
@CompoundIndex(name = "name", def = "{ 'name': 1 }")
@CompoundIndex(name = "kind_parent_name", def = "{ 'kind': 1, 'parentGroup': 1, 'name': 1 }")
@CompoundIndex(name = "origin_name", def = "{ 'originRegion': 1, 'name': 1 }")
@CompoundIndex(name = "settled_project", def = "{ 'settlement.projectId': 1, 'name': 1 }")
@CompoundIndex(name = "chain_name", def = "{ 'industryChains': 1, 'name': 1 }")
public class Enterprise extends VersionedDocument {

    /** Unique where present; absent only for records from the district's report whose code is not public. */
    @Indexed(unique = true, sparse = true)
    private final String creditCode;
    private String name;
    private EnterpriseKind kind;
    private String parentGroup;
    /** For a central-SOE unit: 2 = 二级子公司, 3 = 三级… */
    private Integer tier;
    private String originRegion;
    private List<String> industryChains;
    private Integer headcount;
    private Source source;
    private String sourceNote;
    private Settlement settlement;

    @PersistenceCreator
    Enterprise(String creditCode) {
        this.creditCode = creditCode;
    }

    /**
     * Asks to settle in {@code unitId}: the settlement becomes pending until projects-service
     * confirms the unit. Asking again for the same unit is the same request; another unit while
     * one is held or pending is refused (move out first, or complete the pending request).
     */
    public Settlement requestSettlement(String unitId, Instant now) {
        if (settlement != null && !settlement.unitId().equals(unitId)) {
            throw new StateConflict(settlement.confirmed() ? "already-settled" : "settlement-pending",
                    java.util.Map.of("unitId", settlement.unitId(), "currentStatus", settlement.status()), settlement.unitId());
        }
        if (settlement == null) {
            settlement = Settlement.pending(unitId, now);
        }
        return settlement;
    }

    /** projects-service confirmed the unit: the enterprise now shows its project, building and unit. */
    public void confirmSettlement(String projectId, String buildingId, Instant now) {
        if (settlement == null) {
            throw new IllegalStateException("no settlement requested");
        }
        if (!settlement.confirmed()) {
            settlement = settlement.confirmed(projectId, buildingId, now);
        }
    }

    /** projects-service refused the unit: nothing is left of the request. */
    public void abandonSettlement() {
        if (settlement != null && !settlement.confirmed()) {
            settlement = null;
        }
    }

    /** The unit was released: the enterprise is settled nowhere. */
    public void moveOut() {
        settlement = null;
    }

    public static Enterprise register(NewEnterprise request) {
        if (request.creditCode() == null ? request.source() != Source.ARTICLE : !CreditCode.isValid(request.creditCode())) {
            throw new RuleViolation("creditCode", "credit-code-invalid");
        }
        Enterprise enterprise = new Enterprise(request.creditCode());
        enterprise.apply(request.details());
        enterprise.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        enterprise.sourceNote = request.sourceNote();
        return enterprise;
    }

    /** Revises what describes the enterprise. */
    public void revise(EnterpriseDetails details) {
        apply(details);
    }

    private void apply(EnterpriseDetails details) {
        if (details.kind() == EnterpriseKind.CENTRAL_SOE_BRANCH && (details.parentGroup() == null || details.parentGroup().isBlank())) {
            throw new RuleViolation("parentGroup", "parent-group-required");
        }
        name = details.name();
        kind = details.kind();
        parentGroup = details.parentGroup();
        tier = details.tier();
        originRegion = details.originRegion();
        industryChains = details.industryChains() == null ? List.of() : List.copyOf(details.industryChains());
        headcount = details.headcount();
    }

    public String creditCode() { return creditCode; }
    public Integer tier() { return tier; }
    public String name() { return name; }
    public EnterpriseKind kind() { return kind; }
    public String parentGroup() { return parentGroup; }
    public String originRegion() { return originRegion; }
    public List<String> industryChains() { return industryChains == null ? List.of() : industryChains; }
    public Integer headcount() { return headcount; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
    public Settlement settlement() { return settlement; }
}

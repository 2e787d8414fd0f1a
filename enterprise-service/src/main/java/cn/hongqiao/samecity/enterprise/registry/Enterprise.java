package cn.hongqiao.samecity.enterprise.registry;

import java.util.List;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** An enterprise registered in the district (企业). */
@Document("enterprises")
@CompoundIndex(name = "kind_parent", def = "{ 'kind': 1, 'parentGroup': 1 }")
@CompoundIndex(name = "origin_kind", def = "{ 'originRegion': 1, 'kind': 1 }")
@CompoundIndex(name = "settled_project", def = "{ 'settlement.projectId': 1, 'name': 1 }")
public class Enterprise extends VersionedDocument {

    @Indexed(unique = true)
    private final String creditCode;
    private String name;
    private EnterpriseKind kind;
    private String parentGroup;
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

    public static Enterprise register(NewEnterprise request) {
        if (!CreditCode.isValid(request.creditCode())) {
            throw new RuleViolation("creditCode", "is not a valid unified social credit code");
        }
        if (request.kind() == EnterpriseKind.CENTRAL_SOE_BRANCH && (request.parentGroup() == null || request.parentGroup().isBlank())) {
            throw new RuleViolation("parentGroup", "a central-SOE branch needs its parent group");
        }
        Enterprise enterprise = new Enterprise(request.creditCode());
        enterprise.name = request.name();
        enterprise.kind = request.kind();
        enterprise.parentGroup = request.parentGroup();
        enterprise.originRegion = request.originRegion();
        enterprise.industryChains = request.industryChains() == null ? List.of() : List.copyOf(request.industryChains());
        enterprise.headcount = request.headcount();
        enterprise.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        enterprise.sourceNote = request.sourceNote();
        return enterprise;
    }

    public String creditCode() { return creditCode; }
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

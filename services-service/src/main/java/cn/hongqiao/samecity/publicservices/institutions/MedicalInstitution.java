package cn.hongqiao.samecity.publicservices.institutions;

import java.util.Objects;
import java.util.Set;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.jspecify.annotations.Nullable;

/**
 * A designated medical institution (定点医疗机构) and the out-of-region settlement it supports
 * (异地就医直接结算). Its medical-insurance code is H + the 6-digit region code + 5 digits, and
 * the region in the code must be the institution's region.
 */
@Document("medicalInstitutions")
@CompoundIndex(name = "region_grade", def = "{ 'region': 1, 'grade': 1 }")
@CompoundIndex(name = "settlement_region", def = "{ 'settlementTypes': 1, 'region': 1 }")
public class MedicalInstitution extends VersionedDocument {

    public enum Grade {
        GRADE_3A("三级甲等"), GRADE_3B("三级乙等"), GRADE_3("三级"), GRADE_2A("二级甲等"), GRADE_2B("二级乙等"), GRADE_2("二级"),
        GRADE_1("一级"), UNGRADED("未定级");

        private final String label;

        Grade(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Type {
        GENERAL_HOSPITAL("综合医院"),
        SPECIALIZED_HOSPITAL("专科医院"),
        TCM_HOSPITAL("中医医院"),
        COMMUNITY_HEALTH_CENTRE("社区卫生服务中心"),
        CLINIC("诊所");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    public enum SettlementType {
        OUTPATIENT("普通门诊"),
        INPATIENT("住院"),
        CHRONIC_DISEASE_OUTPATIENT("门诊慢特病");

        private final String label;

        SettlementType(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    public enum OnlineService {
        REGISTRATION("网上挂号"),
        PAYMENT("网上缴费");

        private final String label;

        OnlineService(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    public record NewInstitution(
            @NotBlank @Pattern(regexp = "H\\d{11}", message = "{rule.insurance-code-format}") String insuranceCode,
            @NotBlank @Size(max = 100) String name,
            @NotNull Grade grade,
            @NotNull Type type,
            @NotNull Boolean publicOwned,
            @NotBlank @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String region,
            @NotEmpty Set<SettlementType> settlementTypes,
            @Nullable Set<OnlineService> onlineServices,
            @Nullable Source source,
            @Size(max = 500) @Nullable String sourceNote) {
    }

    @Indexed(unique = true)
    private final String insuranceCode;
    private String name;
    private Grade grade;
    private Type type;
    private boolean publicOwned;
    private String region;
    private Set<SettlementType> settlementTypes;
    private Set<OnlineService> onlineServices;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    MedicalInstitution(String insuranceCode) {
        this.insuranceCode = insuranceCode;
    }

    static MedicalInstitution of(NewInstitution r) {
        if (!r.insuranceCode().substring(1, 7).equals(r.region())) {
            throw new RuleViolation("insuranceCode", "insurance-code-region", r.insuranceCode().substring(1, 7), r.region());
        }
        MedicalInstitution m = new MedicalInstitution(r.insuranceCode());
        m.name = r.name();
        m.grade = r.grade();
        m.type = r.type();
        m.publicOwned = r.publicOwned();
        m.region = r.region();
        m.settlementTypes = Set.copyOf(r.settlementTypes());
        m.onlineServices = r.onlineServices() == null ? Set.of() : Set.copyOf(r.onlineServices());
        m.source = Objects.requireNonNullElse(r.source(), Source.ENTERED);
        m.sourceNote = r.sourceNote();
        return m;
    }

    public String insuranceCode() { return insuranceCode; }
    public String name() { return name; }
    public Grade grade() { return grade; }
    public Type type() { return type; }
    public boolean publicOwned() { return publicOwned; }
    public String region() { return region; }
    public Set<SettlementType> settlementTypes() { return settlementTypes; }
    public Set<OnlineService> onlineServices() { return onlineServices; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}

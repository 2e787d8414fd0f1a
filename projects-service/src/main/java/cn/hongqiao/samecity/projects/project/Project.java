package cn.hongqiao.samecity.projects.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A key construction project (重点项目). */
@Document("projects")
@CompoundIndex(name = "zone_stage_category", def = "{ 'zone': 1, 'stage': 1, 'category': 1 }")
@CompoundIndex(name = "stage_category", def = "{ 'stage': 1, 'category': 1 }")
public class Project extends VersionedDocument {

    @Indexed(unique = true)
    private final String code;
    private String name;
    private String nameEn;
    private Zone zone;
    private Category category;
    private String ownerUnit;
    /** 万元, exact. */
    private BigDecimal totalInvestment;
    /** m². */
    private BigDecimal floorArea;
    private Stage stage;
    private LocalDate plannedStart;
    private LocalDate plannedFinish;
    private Integer expectedEnterprises;
    private Integer expectedJobs;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    Project(String code) {
        this.code = code;
    }

    /** A new project, at the stage it is known to have reached (谋划储备 unless told). */
    public static Project register(NewProject request) {
        if (request.plannedStart() != null && request.plannedFinish() != null
                && request.plannedFinish().isBefore(request.plannedStart())) {
            throw new RuleViolation("plannedFinish", "must not be before plannedStart");
        }
        Project project = new Project(request.code());
        project.name = request.name();
        project.nameEn = request.nameEn();
        project.zone = request.zone();
        project.category = request.category();
        project.ownerUnit = request.ownerUnit();
        project.totalInvestment = request.totalInvestment();
        project.floorArea = request.floorArea();
        project.stage = Objects.requireNonNullElse(request.stage(), Stage.PLANNING);
        project.plannedStart = request.plannedStart();
        project.plannedFinish = request.plannedFinish();
        project.expectedEnterprises = request.expectedEnterprises();
        project.expectedJobs = request.expectedJobs();
        project.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        project.sourceNote = request.sourceNote();
        return project;
    }

    public String code() { return code; }
    public String name() { return name; }
    public String nameEn() { return nameEn; }
    public Zone zone() { return zone; }
    public Category category() { return category; }
    public String ownerUnit() { return ownerUnit; }
    public BigDecimal totalInvestment() { return totalInvestment; }
    public BigDecimal floorArea() { return floorArea; }
    public Stage stage() { return stage; }
    public LocalDate plannedStart() { return plannedStart; }
    public LocalDate plannedFinish() { return plannedFinish; }
    public Integer expectedEnterprises() { return expectedEnterprises; }
    public Integer expectedJobs() { return expectedJobs; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}

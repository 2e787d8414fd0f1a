package cn.hongqiao.samecity.projects.project;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A key construction project (重点项目). Its stage changes only through {@link #moveTo}, which
 * refuses moves the lifecycle does not allow, keeps the history, and derives the actual start
 * (entering construction) and finish (completion acceptance) dates.
 */
@Document("projects")
@CompoundIndex(name = "zone_stage_category", def = "{ 'zone': 1, 'stage': 1, 'category': 1 }")
@CompoundIndex(name = "stage_category", def = "{ 'stage': 1, 'category': 1 }")
@CompoundIndex(name = "category_code", def = "{ 'category': 1, 'code': 1 }")
@CompoundIndex(name = "warning_colour", def = "{ 'warning.colour': 1, 'code': 1 }")
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
    private Stage suspendedFrom;
    private LocalDate plannedStart;
    private LocalDate plannedFinish;
    private LocalDate actualStart;
    private LocalDate actualFinish;
    private Integer expectedEnterprises;
    private Integer expectedJobs;
    private Location location;
    private Source source;
    private String sourceNote;
    private List<StageTransition> transitions = new ArrayList<>();
    private Warning warning;

    @PersistenceCreator
    Project(String code) {
        this.code = code;
    }

    /** A new project, at the stage it is known to have reached (谋划储备 unless told). */
    public static Project register(NewProject request) {
        Project project = new Project(request.code());
        project.apply(request.details());
        project.stage = Objects.requireNonNullElse(request.stage(), Stage.PLANNING);
        project.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        project.sourceNote = request.sourceNote();
        return project;
    }

    /** Changes what describes the project; its code, stage and history change only through their own rules. */
    public void revise(ProjectDetails details) {
        apply(details);
    }

    private void apply(ProjectDetails details) {
        if (details.plannedStart() != null && details.plannedFinish() != null
                && details.plannedFinish().isBefore(details.plannedStart())) {
            throw new RuleViolation("plannedFinish", "finish-before-start");
        }
        name = details.name();
        nameEn = details.nameEn();
        zone = details.zone();
        category = details.category();
        ownerUnit = details.ownerUnit();
        totalInvestment = details.totalInvestment();
        floorArea = details.floorArea();
        plannedStart = details.plannedStart();
        plannedFinish = details.plannedFinish();
        expectedEnterprises = details.expectedEnterprises();
        expectedJobs = details.expectedJobs();
        location = details.location();
    }

    /** The stages this project may move to now. */
    public Set<Stage> allowedNextStages() {
        return stage.next(suspendedFrom);
    }

    /**
     * Moves the project to {@code target} as of {@code date}. Refuses a move the lifecycle does not
     * allow (409 naming the allowed stages), a date before the last recorded move, and a date in
     * the future.
     */
    public StageTransition moveTo(Stage target, LocalDate date, String note, String recordedBy, Clock clock) {
        Set<Stage> allowed = allowedNextStages();
        if (!allowed.contains(target)) {
            throw new IllegalStageMove(stage, target, allowed);
        }
        if (date.isAfter(LocalDate.now(clock))) {
            throw new RuleViolation("date", "transition-in-future");
        }
        if (!transitions.isEmpty() && date.isBefore(transitions.get(transitions.size() - 1).date())) {
            throw new RuleViolation("date", "transition-before-previous", transitions.get(transitions.size() - 1).date().toString());
        }
        StageTransition transition = new StageTransition(stage, target, date, note, recordedBy, clock.instant());
        if (target == Stage.SUSPENDED) {
            suspendedFrom = stage;
        } else if (stage == Stage.SUSPENDED) {
            suspendedFrom = null;
        }
        if (target == Stage.UNDER_CONSTRUCTION && actualStart == null) {
            actualStart = date;
        }
        if (target == Stage.COMPLETION_ACCEPTED) {
            actualFinish = date;
        }
        stage = target;
        transitions.add(transition);
        return transition;
    }

    /** Whether construction has started (by its stage, whatever the history says). */
    public boolean hasStarted() {
        return stage.started() || stage == Stage.SUSPENDED;
    }

    /** Whether completion has been accepted. */
    public boolean hasFinished() {
        return stage.finished();
    }

    /** Records the warning evaluated for this project (see the warnings package for the rules). */
    public void recordWarning(Warning warning) {
        this.warning = warning;
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
    public LocalDate actualStart() { return actualStart; }
    public LocalDate actualFinish() { return actualFinish; }
    public Integer expectedEnterprises() { return expectedEnterprises; }
    public Integer expectedJobs() { return expectedJobs; }
    public Location location() { return location; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
    public List<StageTransition> transitions() { return transitions == null ? List.of() : List.copyOf(transitions); }
    public Warning warning() { return warning; }
}

package cn.hongqiao.samecity.publicservices.applications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.problem.StateConflict;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** 差评整改: opened by a poor rating, due within the configured working days, closed with what was done. */
@Document("rectifications")
@CompoundIndex(name = "department_status_deadline", def = "{ 'department': 1, 'status': 1, 'deadline': 1 }")
public class Rectification extends VersionedDocument {

    public enum Status {
        OPEN("整改中"),
        CLOSED("已整改");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    private String evaluationId;
    private String applicationId;
    private String itemCode;
    private String department;
    private Evaluation.Level level;
    private String complaint;
    private LocalDate deadline;
    private Status status;
    private String resolution;
    private String closedBy;
    private Instant closedAt;

    Rectification() {
    }

    static Rectification open(Evaluation evaluation, LocalDate deadline) {
        Rectification r = new Rectification();
        r.evaluationId = evaluation.id();
        r.applicationId = evaluation.applicationId();
        r.itemCode = evaluation.itemCode();
        r.department = evaluation.department();
        r.level = evaluation.level();
        r.complaint = evaluation.comment();
        r.deadline = deadline;
        r.status = Status.OPEN;
        return r;
    }

    void close(String resolution, String by, Instant now) {
        if (status == Status.CLOSED) {
            throw new StateConflict("rectification-closed", Map.of("currentStatus", status), closedAt.toString());
        }
        if (resolution == null || resolution.isBlank()) {
            throw new RuleViolation("resolution", "resolution-required");
        }
        this.status = Status.CLOSED;
        this.resolution = resolution;
        this.closedBy = by;
        this.closedAt = now;
    }

    public String evaluationId() { return evaluationId; }
    public String applicationId() { return applicationId; }
    public String itemCode() { return itemCode; }
    public String department() { return department; }
    public Evaluation.Level level() { return level; }
    public String complaint() { return complaint; }
    public LocalDate deadline() { return deadline; }
    public Status status() { return status; }
    public String resolution() { return resolution; }
    public String closedBy() { return closedBy; }
    public Instant closedAt() { return closedAt; }
}

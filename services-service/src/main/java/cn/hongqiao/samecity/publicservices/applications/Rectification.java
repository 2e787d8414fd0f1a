package cn.hongqiao.samecity.publicservices.applications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.problem.StateConflict;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * 差评整改 (国办发〔2019〕51号): a poor rating opens it; the department contacts the rater (回访) within
 * {@code followUpDueOn} (1 working day by default), rectifies and reports back within {@code deadline}
 * (5 working days), each step timed against its due date; the rater then scores the rectification
 * (满意 / 基本满意 / 不满意). The department may appeal the rating as mistaken or made in bad faith
 * (申诉复核); an admin decides, and an appeal upheld voids the rating (out of the statistics) and the
 * rectification with it. Each step is a method that refuses a step out of turn.
 */
@Document("rectifications")
@CompoundIndex(name = "department_status_deadline", def = "{ 'department': 1, 'status': 1, 'deadline': 1 }")
@CompoundIndex(name = "applicant_status", def = "{ 'applicantSubject': 1, 'status': 1, 'deadline': 1 }")
@CompoundIndex(name = "applicant_deadline", def = "{ 'applicantSubject': 1, 'deadline': 1 }")
@CompoundIndex(name = "department_deadline", def = "{ 'department': 1, 'deadline': 1 }")
public class Rectification extends VersionedDocument {

    public enum Status {
        OPEN("待回访"),
        FOLLOWED_UP("整改中"),
        CLOSED("已整改"),
        VOIDED("申诉成立，已撤销");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    /** The rater's view of the rectification. */
    public enum Score {
        SATISFIED("满意"), BASICALLY_SATISFIED("基本满意"), DISSATISFIED("不满意");

        private final String label;

        Score(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Decision {
        UPHELD("申诉成立"), DISMISSED("申诉不成立");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The steps, as refusals name them. */
    enum Step {
        FOLLOW_UP("回访"), REPORT("报送整改情况"), SCORE("评价整改"), APPEAL("申诉"), DECIDE_APPEAL("复核申诉");

        private final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** 回访: whom the department reached and what was said, by whom, when, and whether within its due date. */
    public record FollowUp(String note, String by, Instant at, boolean onTime) {
    }

    /** The rater's score of the rectification. */
    public record RaterScore(Score score, Instant at) {
    }

    /** 申诉复核: the department's reason and, once decided, the admin's decision; kept either way. */
    public record Appeal(String reason, String by, Instant at, @Nullable Decision decision, @Nullable String decidedBy,
            @Nullable Instant decidedAt, @Nullable String note) {

        boolean pending() {
            return decision == null;
        }
    }

    private String evaluationId;
    private String applicationId;
    private String itemCode;
    private String department;
    private String applicantSubject;
    private Evaluation.Level level;
    private String complaint;
    private LocalDate openedOn;
    private LocalDate followUpDueOn;
    private LocalDate deadline;
    private Status status;
    private FollowUp followUp;
    private String resolution;
    private String closedBy;
    private Instant closedAt;
    private Boolean reportedOnTime;
    private RaterScore raterScore;
    private Appeal appeal;

    Rectification() {
    }

    static Rectification open(Evaluation evaluation, LocalDate openedOn, LocalDate followUpDueOn, LocalDate deadline) {
        Rectification r = new Rectification();
        r.evaluationId = evaluation.id();
        r.applicationId = evaluation.applicationId();
        r.itemCode = evaluation.itemCode();
        r.department = evaluation.department();
        r.applicantSubject = evaluation.applicantSubject();
        r.level = evaluation.level();
        r.complaint = evaluation.comment();
        r.openedOn = openedOn;
        r.followUpDueOn = followUpDueOn;
        r.deadline = deadline;
        r.status = Status.OPEN;
        return r;
    }

    /** 回访 done ({@code today} tells whether within its due date); only while open. */
    void followUp(String note, String by, Instant now, LocalDate today) {
        require(Step.FOLLOW_UP, Status.OPEN);
        if (note == null || note.isBlank()) {
            throw new RuleViolation("note", "follow-up-note-required");
        }
        this.followUp = new FollowUp(note, by, now, !today.isAfter(followUpDueOn));
        this.status = Status.FOLLOWED_UP;
    }

    /** Rectified and reported back, after the 回访. */
    void close(String resolution, String by, Instant now, LocalDate today) {
        if (status == Status.CLOSED) {
            throw new StateConflict("rectification-closed", Map.of("currentStatus", status), closedAt.toString());
        }
        require(Step.REPORT, Status.FOLLOWED_UP);
        if (resolution == null || resolution.isBlank()) {
            throw new RuleViolation("resolution", "resolution-required");
        }
        this.status = Status.CLOSED;
        this.resolution = resolution;
        this.closedBy = by;
        this.closedAt = now;
        this.reportedOnTime = !today.isAfter(deadline);
    }

    /** The rater's score, once, after the report. */
    void score(Score score, Instant now) {
        require(Step.SCORE, Status.CLOSED);
        if (raterScore != null) {
            throw refused(Step.SCORE);
        }
        this.raterScore = new RaterScore(score, now);
    }

    /** The department's appeal of the rating, once, while the rectification stands. */
    void appeal(String reason, String by, Instant now) {
        if (status == Status.VOIDED || appeal != null) {
            throw refused(Step.APPEAL);
        }
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "appeal-reason-required");
        }
        this.appeal = new Appeal(reason, by, now, null, null, null, null);
    }

    /** The admin's decision on a pending appeal; upheld, the rectification is voided (and the rating with it, by the caller). */
    void decideAppeal(Decision decision, @Nullable String note, String by, Instant now) {
        if (appeal == null || !appeal.pending()) {
            throw refused(Step.DECIDE_APPEAL);
        }
        this.appeal = new Appeal(appeal.reason(), appeal.by(), appeal.at(), decision, by, now, note);
        if (decision == Decision.UPHELD) {
            this.status = Status.VOIDED;
        }
    }

    private void require(Step step, Status needed) {
        if (status != needed) {
            throw refused(step);
        }
    }

    private StateConflict refused(Step step) {
        return new StateConflict("illegal-rectification-step", Map.of("currentStatus", status), status.label(), step.label);
    }

    /** Whether the 回访 is late now: not done and past its due date. */
    public boolean followUpOverdue(LocalDate today) {
        return status == Status.OPEN && today.isAfter(followUpDueOn);
    }

    /** Whether the report is late now: not made and past the deadline. */
    public boolean reportOverdue(LocalDate today) {
        return (status == Status.OPEN || status == Status.FOLLOWED_UP) && today.isAfter(deadline);
    }

    public String evaluationId() { return evaluationId; }
    public String applicationId() { return applicationId; }
    public String itemCode() { return itemCode; }
    public String department() { return department; }
    public String applicantSubject() { return applicantSubject; }
    public Evaluation.Level level() { return level; }
    public String complaint() { return complaint; }
    public LocalDate openedOn() { return openedOn; }
    public LocalDate followUpDueOn() { return followUpDueOn; }
    public LocalDate deadline() { return deadline; }
    public Status status() { return status; }
    public FollowUp followUp() { return followUp; }
    public String resolution() { return resolution; }
    public String closedBy() { return closedBy; }
    public Instant closedAt() { return closedAt; }
    public Boolean reportedOnTime() { return reportedOnTime; }
    public RaterScore raterScore() { return raterScore; }
    public Appeal appeal() { return appeal; }
}

package cn.hongqiao.samecity.publicservices.applications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.problem.StateConflict;
import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.jspecify.annotations.Nullable;

/**
 * An application (办件) for a cross-province service item, and its lifecycle:
 * 申请 → 预审 (补正: one notice listing everything missing → resubmitted) → 受理 | 不予受理 → 办理 → 办结
 * (approved / refused); withdrawal before completion. Every move is recorded. The due date counts
 * the item's promised working days from acceptance on the configured calendar, and stops while a
 * correction requested during handling is pending.
 */
@Document("applications")
@CompoundIndex(name = "applicant_key", def = "{ 'applicantSubject': 1, 'idempotencyKey': 1 }", unique = true)
@CompoundIndex(name = "applicant_submitted", def = "{ 'applicantSubject': 1, 'submittedAt': -1 }")
@CompoundIndex(name = "department_status_due", def = "{ 'department': 1, 'status': 1, 'dueOn': 1 }")
@CompoundIndex(name = "status_due", def = "{ 'status': 1, 'dueOn': 1 }")
public class Application extends VersionedDocument {

    public enum Outcome {
        APPROVED("准予"),
        REFUSED("不予");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    public record Move(@Nullable ApplicationStatus from, ApplicationStatus to, Instant at, String by, @Nullable String note) {
    }

    /** The one notice of everything missing (补正告知). */
    public record CorrectionNotice(List<String> missing, Instant at, String by, boolean duringHandling) {
    }

    public record SubmittedMaterial(String name, @Nullable String reference) {
    }

    private String itemId;
    private String itemCode;
    private String itemName;
    private String department;
    private int promisedWorkingDays;
    private String intakeRegion;
    private String handlingRegion;
    private Applicant applicant;
    private String applicantSubject;
    private String idempotencyKey;
    private String requestFingerprint;
    private List<SubmittedMaterial> materials;
    private ApplicationStatus status;
    private Outcome outcome;
    private Instant submittedAt;
    private LocalDate acceptedOn;
    private LocalDate dueOn;
    private int pausedWorkingDays;
    private LocalDate pausedSince;
    private CorrectionNotice correction;
    private Verification verification;
    private List<Move> moves = new ArrayList<>();

    Application() {
    }

    static Application submit(Submission submission, Item item, String subject, String idempotencyKey, String fingerprint, Instant now) {
        if (!item.partnerRegions().contains(submission.handlingRegion()) && !submission.handlingRegion().equals(submission.intakeRegion())) {
            throw new RuleViolation("handlingRegion", "item-not-handled-in", item.code(), submission.handlingRegion(),
                    String.join(", ", item.partnerRegions()));
        }
        Application a = new Application();
        a.itemId = item.id();
        a.itemCode = item.code();
        a.itemName = item.name();
        a.department = item.department();
        a.promisedWorkingDays = item.promisedLimitDays();
        a.intakeRegion = submission.intakeRegion();
        a.handlingRegion = submission.handlingRegion();
        a.applicant = submission.applicant();
        a.applicantSubject = subject;
        a.idempotencyKey = idempotencyKey;
        a.requestFingerprint = fingerprint;
        a.materials = submission.materialsAsDomain();
        a.status = ApplicationStatus.SUBMITTED;
        a.submittedAt = now;
        a.verification = submission.applicant().kind() == Applicant.Kind.ENTERPRISE ? Verification.pending(null) : Verification.notNeeded();
        a.moves.add(new Move(null, ApplicationStatus.SUBMITTED, now, subject, null));
        return a;
    }

    /** A thin view of the item applied for, so the domain does not depend on the catalogue's storage. */
    record Item(String id, String code, String name, String department, int promisedLimitDays, List<String> partnerRegions) {
    }

    /** From which statuses each action may be taken: the one table the moves and {@link #allowedActions} read. */
    private static final Map<Action.Kind, Set<ApplicationStatus>> LEGAL_FROM = new java.util.EnumMap<>(Map.of(
            Action.Kind.START_PRE_REVIEW, EnumSet.of(ApplicationStatus.SUBMITTED),
            Action.Kind.REQUEST_CORRECTION, EnumSet.of(ApplicationStatus.PRE_REVIEW, ApplicationStatus.IN_PROGRESS),
            Action.Kind.RESUBMIT, EnumSet.of(ApplicationStatus.CORRECTION_REQUESTED),
            Action.Kind.ACCEPT, EnumSet.of(ApplicationStatus.PRE_REVIEW),
            Action.Kind.REFUSE_TO_ACCEPT, EnumSet.of(ApplicationStatus.PRE_REVIEW),
            Action.Kind.START_HANDLING, EnumSet.of(ApplicationStatus.ACCEPTED),
            Action.Kind.COMPLETE, EnumSet.of(ApplicationStatus.IN_PROGRESS),
            Action.Kind.WITHDRAW, EnumSet.complementOf(EnumSet.of(ApplicationStatus.COMPLETED, ApplicationStatus.NOT_ACCEPTED,
                    ApplicationStatus.WITHDRAWN))));

    /**
     * The actions that are legal now for a desk officer ({@code desk}) or for the applicant: what a
     * portal offers, so that it never offers a move this type would refuse.
     */
    Set<Action.Kind> allowedActions(boolean desk, boolean applicant) {
        Set<Action.Kind> allowed = EnumSet.noneOf(Action.Kind.class);
        LEGAL_FROM.forEach((kind, from) -> {
            if ((kind.byApplicant() ? applicant : desk) && from.contains(status)) {
                allowed.add(kind);
            }
        });
        return allowed;
    }

    private void move(Action.Kind action, ApplicationStatus to, String by, String note, Instant now) {
        Set<ApplicationStatus> from = LEGAL_FROM.get(action);
        if (!from.contains(status)) {
            throw new StateConflict("illegal-application-action", Map.of("currentStatus", status), status, status.label(), to,
                    to.label(), from.stream().map(ApplicationStatus::name).sorted().collect(Collectors.joining(", ")),
                    from.stream().sorted().map(ApplicationStatus::label).collect(Collectors.joining("、")));
        }
        moves.add(new Move(status, to, now, by, note));
        status = to;
    }

    void startPreReview(String by, Instant now) {
        move(Action.Kind.START_PRE_REVIEW, ApplicationStatus.PRE_REVIEW, by, null, now);
    }

    /** One notice listing everything missing; during handling it stops the clock. */
    void requestCorrection(List<String> missing, String by, Instant now, LocalDate today) {
        if (missing == null || missing.isEmpty()) {
            throw new RuleViolation("missing", "correction-lists-missing");
        }
        boolean duringHandling = status == ApplicationStatus.IN_PROGRESS;
        move(Action.Kind.REQUEST_CORRECTION, ApplicationStatus.CORRECTION_REQUESTED, by,
                String.join("；", missing), now);
        correction = new CorrectionNotice(List.copyOf(missing), now, by, duringHandling);
        if (duringHandling) {
            pausedSince = today;
        }
    }

    void resubmit(List<SubmittedMaterial> added, String by, Instant now, LocalDate today, WorkingDayCalendar calendar) {
        boolean duringHandling = correction != null && correction.duringHandling();
        move(Action.Kind.RESUBMIT, duringHandling ? ApplicationStatus.IN_PROGRESS : ApplicationStatus.PRE_REVIEW,
                by, null, now);
        List<SubmittedMaterial> all = new ArrayList<>(materials);
        if (added != null) {
            all.addAll(added);
        }
        materials = List.copyOf(all);
        if (duringHandling && pausedSince != null) {
            pausedWorkingDays += calendar.workingDaysBetween(pausedSince, today);
            dueOn = calendar.plusWorkingDays(acceptedOn, promisedWorkingDays + pausedWorkingDays);
            pausedSince = null;
        }
        correction = null;
    }

    void accept(String by, Instant now, LocalDate today, WorkingDayCalendar calendar) {
        move(Action.Kind.ACCEPT, ApplicationStatus.ACCEPTED, by, null, now);
        acceptedOn = today;
        dueOn = calendar.plusWorkingDays(today, promisedWorkingDays);
    }

    void refuseToAccept(String reason, String by, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("note", "refusal-reason-required");
        }
        move(Action.Kind.REFUSE_TO_ACCEPT, ApplicationStatus.NOT_ACCEPTED, by, reason, now);
    }

    void startHandling(String by, Instant now) {
        move(Action.Kind.START_HANDLING, ApplicationStatus.IN_PROGRESS, by, null, now);
    }

    void complete(Outcome outcome, String note, String by, Instant now) {
        if (outcome == null) {
            throw new RuleViolation("outcome", "outcome-required");
        }
        move(Action.Kind.COMPLETE, ApplicationStatus.COMPLETED, by, note, now);
        this.outcome = outcome;
    }

    void withdraw(String by, Instant now) {
        move(Action.Kind.WITHDRAW, ApplicationStatus.WITHDRAWN, by, null, now);
    }

    void verified(Verification verification) {
        this.verification = verification;
    }

    /** Overdue: accepted, not finished, past its due date, and its clock running. */
    boolean overdue(LocalDate today) {
        return dueOn != null && today.isAfter(dueOn) && !status.closed() && pausedSince == null;
    }

    public String itemId() { return itemId; }
    public String itemCode() { return itemCode; }
    public String itemName() { return itemName; }
    public String department() { return department; }
    public String intakeRegion() { return intakeRegion; }
    public String handlingRegion() { return handlingRegion; }
    public Applicant applicant() { return applicant; }
    public String applicantSubject() { return applicantSubject; }
    public String idempotencyKey() { return idempotencyKey; }
    public String requestFingerprint() { return requestFingerprint; }
    public List<SubmittedMaterial> materials() { return materials == null ? List.of() : materials; }
    public ApplicationStatus status() { return status; }
    public Outcome outcome() { return outcome; }
    public Instant submittedAt() { return submittedAt; }
    public LocalDate acceptedOn() { return acceptedOn; }
    public LocalDate dueOn() { return dueOn; }
    public int pausedWorkingDays() { return pausedWorkingDays; }
    public LocalDate pausedSince() { return pausedSince; }
    public CorrectionNotice correction() { return correction; }
    public Verification verification() { return verification; }
    public List<Move> moves() { return moves == null ? List.of() : List.copyOf(moves); }
}

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
import cn.hongqiao.samecity.publicservices.exchange.PartnerMessage;
import cn.hongqiao.samecity.publicservices.items.ServiceItem;

import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.jspecify.annotations.Nullable;

/**
 * An application (办件) for a cross-province service item, and its lifecycle:
 * 申请 → 预审 (补正: one notice listing everything missing → resubmitted) → 受理 | 不予受理 → 办理 → 办结
 * (approved / refused); withdrawal before completion. Every move is recorded. The due date counts
 * the item's promised working days from acceptance on the configured calendar, and stops while a
 * correction requested during handling is pending.
 *
 * <p>An item decided by a partner region's office (异地代收代办) is only taken in here: the desk
 * checks the form and the applicant's identity, then hands it off (HANDED_OFF, with its correlation
 * number); the partner's acceptance, correction requests, handling and outcome come back as
 * messages, and the desk delivers the result (RESULT_DELIVERED). The local desk cannot decide it.
 * Every message to the partner is queued in the outbox in the same document update as the move
 * that causes it, and every move records the region and office that made it.
 */
@Document("applications")
@CompoundIndex(name = "applicant_key", def = "{ 'applicantSubject': 1, 'idempotencyKey': 1 }", unique = true)
@CompoundIndex(name = "applicant_submitted", def = "{ 'applicantSubject': 1, 'submittedAt': -1 }")
@CompoundIndex(name = "department_status_due", def = "{ 'department': 1, 'status': 1, 'dueOn': 1 }")
@CompoundIndex(name = "department_status_submitted", def = "{ 'department': 1, 'status': 1, 'submittedAt': -1 }")
@CompoundIndex(name = "department_due", def = "{ 'department': 1, 'dueOn': 1 }")
@CompoundIndex(name = "due", def = "{ 'dueOn': 1 }")
@CompoundIndex(name = "id_number_submitted", def = "{ 'applicant.idNumber.i': 1, 'submittedAt': -1 }")
@CompoundIndex(name = "verification_status", def = "{ 'verification.status': 1 }")
@CompoundIndex(name = "status_due", def = "{ 'status': 1, 'dueOn': 1 }")
@CompoundIndex(name = "outbox_due", def = "{ 'outboxDueAt': 1 }")
@CompoundIndex(name = "correlation", def = "{ 'correlationId': 1 }")
@CompoundIndex(name = "legs_due", def = "{ 'legs.dueOn': 1 }")
@CompoundIndex(name = "outbox_status_updated", def = "{ 'outbox.status': 1, 'updatedAt': 1 }")
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

    /** A move: from, to, when, who ({@code by}: a person here, or the partner's system) and for which region and office. */
    public record Move(@Nullable ApplicationStatus from, ApplicationStatus to, Instant at, String by, @Nullable String note,
            @Nullable String region, @Nullable String office) {
    }

    /** How the result reached the applicant: mailed (with the tracking number) or online. */
    public record ResultDelivery(Method method, @Nullable String trackingNumber, Instant at, String by) {
        public enum Method {
            MAIL("邮寄"),
            ONLINE("网上送达"),
            COUNTER("窗口领取");

            private final String label;

            Method(String label) {
                this.label = label;
            }

            public String label() {
                return label;
            }
        }
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
    private String handlingOffice;
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
    private String correlationId;
    private List<Outgoing> outbox = new ArrayList<>();
    private Instant outboxDueAt;
    private int lastReceived;
    private ResultDelivery resultDelivery;
    private List<Leg> legs = new ArrayList<>();
    private Leg.Limits legLimits;
    private boolean originalsRequired;
    private ResultDelivery originalsMailing;

    Application() {
    }

    /**
     * Taken in here (the platform is Hongqiao's window), decided where the item says: a submission
     * may name both regions, but only as they are.
     */
    /** Where and under which terms Hongqiao takes applications in: its intake window, each leg's limit, the calendar. */
    record Intake(String office, Leg.Limits limits, WorkingDayCalendar calendar, LocalDate today) {
    }

    static Application submit(Submission submission, Item item, Intake intake, String subject, String idempotencyKey, String fingerprint,
            Instant now) {
        if (submission.intakeRegion() != null && !submission.intakeRegion().equals(ServiceItem.HONGQIAO)) {
            throw new RuleViolation("intakeRegion", "intake-is-here", submission.intakeRegion());
        }
        if (submission.handlingRegion() != null && !submission.handlingRegion().equals(item.handledBy())) {
            throw new RuleViolation("handlingRegion", "item-not-handled-in", item.code(), submission.handlingRegion(), item.handledBy());
        }
        if (!item.handledBy().equals(ServiceItem.HONGQIAO) && !item.partnerRegions().contains(ServiceItem.HONGQIAO)) {
            throw new RuleViolation("itemId", "item-not-taken-in-here", item.code(), item.handledBy());
        }
        Application a = new Application();
        a.itemId = item.id();
        a.itemCode = item.code();
        a.itemName = item.name();
        // the desk here: the deciding office for Hongqiao's items, the intake window for a partner's
        a.department = item.handledBy().equals(ServiceItem.HONGQIAO) ? item.department() : intake.office();
        a.handlingOffice = item.department();
        a.promisedWorkingDays = item.promisedLimitDays();
        a.intakeRegion = ServiceItem.HONGQIAO;
        a.handlingRegion = item.handledBy();
        a.applicant = submission.applicant();
        a.applicantSubject = subject;
        a.idempotencyKey = idempotencyKey;
        a.requestFingerprint = fingerprint;
        a.materials = submission.materialsAsDomain();
        a.status = ApplicationStatus.SUBMITTED;
        a.submittedAt = now;
        a.verification = submission.applicant().kind() == Applicant.Kind.ENTERPRISE ? Verification.pending(null) : Verification.notNeeded();
        a.moves.add(new Move(null, ApplicationStatus.SUBMITTED, now, subject, null, ServiceItem.HONGQIAO, null));
        if (!a.handledHere()) {
            // a partner decides it: the legs of the agreement start with the push, due within its limit from today
            a.legLimits = intake.limits();
            a.originalsRequired = item.originals();
            a.legs.add(Leg.started(Leg.Kind.PUSH, intake.today(), intake.limits().push(), intake.calendar()));
        }
        return a;
    }

    /** A thin view of the item applied for, so the domain does not depend on the catalogue's storage. */
    record Item(String id, String code, String name, String department, int promisedLimitDays, List<String> partnerRegions,
            String handledBy, boolean originals) {
    }

    /** Whose action it is: this desk as the intake window, as the deciding office, as both, as intake for a partner; or the applicant. */
    private enum Side {
        INTAKE, HANDLING, LOCAL, HAND_OFF, APPLICANT
    }

    private record Rule(Action.Kind kind, Set<ApplicationStatus> from, Side side, java.util.function.Predicate<Application> when) {
        Rule(Action.Kind kind, Set<ApplicationStatus> from, Side side) {
            this(kind, from, side, a -> true);
        }
    }

    private static final Set<ApplicationStatus> OPEN = EnumSet.complementOf(EnumSet.of(ApplicationStatus.COMPLETED,
            ApplicationStatus.NOT_ACCEPTED, ApplicationStatus.WITHDRAWN, ApplicationStatus.RESULT_DELIVERED));

    /** Which action may be taken from which statuses, and by whom: the one table the moves and {@link #allowedActions} read. */
    private static final List<Rule> RULES = List.of(
            new Rule(Action.Kind.START_PRE_REVIEW, EnumSet.of(ApplicationStatus.SUBMITTED), Side.INTAKE),
            new Rule(Action.Kind.REQUEST_CORRECTION, EnumSet.of(ApplicationStatus.PRE_REVIEW), Side.INTAKE),
            new Rule(Action.Kind.REQUEST_CORRECTION, EnumSet.of(ApplicationStatus.IN_PROGRESS, ApplicationStatus.HANDED_OFF), Side.HANDLING),
            new Rule(Action.Kind.RESUBMIT, EnumSet.of(ApplicationStatus.CORRECTION_REQUESTED), Side.APPLICANT),
            new Rule(Action.Kind.ACCEPT, EnumSet.of(ApplicationStatus.PRE_REVIEW), Side.LOCAL),
            new Rule(Action.Kind.ACCEPT, EnumSet.of(ApplicationStatus.HANDED_OFF), Side.HANDLING),
            new Rule(Action.Kind.REFUSE_TO_ACCEPT, EnumSet.of(ApplicationStatus.PRE_REVIEW), Side.INTAKE),
            new Rule(Action.Kind.REFUSE_TO_ACCEPT, EnumSet.of(ApplicationStatus.HANDED_OFF), Side.HANDLING),
            new Rule(Action.Kind.HAND_OFF, EnumSet.of(ApplicationStatus.PRE_REVIEW), Side.HAND_OFF),
            new Rule(Action.Kind.START_HANDLING, EnumSet.of(ApplicationStatus.ACCEPTED), Side.HANDLING),
            new Rule(Action.Kind.COMPLETE, EnumSet.of(ApplicationStatus.IN_PROGRESS), Side.HANDLING),
            new Rule(Action.Kind.DELIVER_RESULT, EnumSet.of(ApplicationStatus.COMPLETED), Side.HAND_OFF),
            new Rule(Action.Kind.MAIL_ORIGINALS, EnumSet.of(ApplicationStatus.HANDED_OFF, ApplicationStatus.CORRECTION_REQUESTED,
                    ApplicationStatus.ACCEPTED, ApplicationStatus.IN_PROGRESS), Side.HAND_OFF, Application::originalsPending),
            new Rule(Action.Kind.WITHDRAW, OPEN, Side.APPLICANT));

    /** Taken in at Hongqiao's window. */
    boolean takenInHere() {
        return ServiceItem.HONGQIAO.equals(intakeRegion);
    }

    /** Decided by a Hongqiao office. */
    boolean handledHere() {
        return handlingRegion == null || ServiceItem.HONGQIAO.equals(handlingRegion);
    }

    /** The other region of a cross-region case (null when both sides are Hongqiao). */
    @Nullable String partnerRegion() {
        return !handledHere() ? handlingRegion : !takenInHere() ? intakeRegion : null;
    }

    private boolean sideAllows(Side side, boolean desk, boolean applicant) {
        return switch (side) {
            case INTAKE -> desk && takenInHere();
            case HANDLING -> desk && handledHere();
            case LOCAL -> desk && takenInHere() && handledHere();
            case HAND_OFF -> desk && takenInHere() && !handledHere();
            case APPLICANT -> applicant && takenInHere();
        };
    }

    private @Nullable Rule rule(Action.Kind kind, boolean desk, boolean applicant) {
        return RULES.stream().filter(r -> r.kind() == kind && r.from().contains(status) && sideAllows(r.side(), desk, applicant)
                && r.when().test(this)).findFirst().orElse(null);
    }

    /**
     * The actions that are legal now for a desk officer ({@code desk}) or for the applicant: what a
     * portal offers, so that it never offers a move this type would refuse.
     */
    Set<Action.Kind> allowedActions(boolean desk, boolean applicant) {
        Set<Action.Kind> allowed = EnumSet.noneOf(Action.Kind.class);
        for (Action.Kind kind : Action.Kind.values()) {
            if (rule(kind, desk, applicant) != null) {
                allowed.add(kind);
            }
        }
        return allowed;
    }

    private void move(Action.Kind action, ApplicationStatus to, String by, @Nullable String note, Instant now) {
        requireAllowed(action, to);
        boolean applicantsMove = action.byApplicant();
        record(to, by, note, now, applicantsMove ? intakeRegion : ServiceItem.HONGQIAO, applicantsMove ? null : department);
    }

    /** Refuses {@code action} (which would lead {@code to}) unless the rule table allows it now, saying from where it would be. */
    private void requireAllowed(Action.Kind action, ApplicationStatus to) {
        boolean applicantsMove = action.byApplicant();
        if (rule(action, !applicantsMove, applicantsMove) == null) {
            Set<ApplicationStatus> from = RULES.stream().filter(r -> r.kind() == action && sideAllows(r.side(), !applicantsMove, applicantsMove))
                    .flatMap(r -> r.from().stream()).collect(Collectors.toCollection(() -> EnumSet.noneOf(ApplicationStatus.class)));
            if (from.isEmpty()) {
                throw new StateConflict("action-for-the-other-region", Map.of("currentStatus", status), action, action.label(),
                        handlingRegion, itemName);
            }
            throw new StateConflict("illegal-application-action", Map.of("currentStatus", status), status, status.label(), to,
                    to.label(), from.stream().map(ApplicationStatus::name).sorted().collect(Collectors.joining(", ")),
                    from.stream().sorted().map(ApplicationStatus::label).collect(Collectors.joining("、")));
        }
    }

    private void record(ApplicationStatus to, String by, @Nullable String note, Instant now, @Nullable String region, @Nullable String office) {
        moves.add(new Move(status, to, now, by, note, region, office));
        status = to;
    }

    /** Queues {@code kind} for the partner region, numbered after the ones before it, due now. */
    private void send(PartnerMessage.Kind kind, Instant now, PartnerMessage.@Nullable CaseFile caseFile, @Nullable List<String> missing,
            @Nullable List<SubmittedMaterial> documents, @Nullable Outcome outcome, @Nullable String note) {
        // the intake window tells the deciding office, and the deciding office the intake window; nobody tells itself
        boolean ours = kind.fromHandlingRegion() ? handledHere() && !takenInHere() : takenInHere() && !handledHere();
        if (!ours || correlationId == null) {
            return;
        }
        PartnerMessage message = new PartnerMessage(correlationId, outbox.size() + 1, kind, now, ServiceItem.HONGQIAO,
                kind.fromHandlingRegion() ? department : null, caseFile, missing,
                documents == null ? null : documents.stream().map(d -> new PartnerMessage.Document(d.name(), d.reference())).toList(),
                outcome == null ? null : PartnerMessage.Outcome.valueOf(outcome.name()), note);
        outbox.add(Outgoing.queued(message, now));
        if (outboxDueAt == null) {
            outboxDueAt = now;
        }
    }

    /** The intake window's form check passed: the case goes to the deciding office with its correlation number. */
    void handOff(String by, Instant now, LocalDate today, WorkingDayCalendar calendar) {
        move(Action.Kind.HAND_OFF, ApplicationStatus.HANDED_OFF, by, null, now);
        correlationId = ServiceItem.HONGQIAO + "-" + today.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "-" + id();
        if (originalsRequired) {
            legs.add(Leg.started(Leg.Kind.ORIGINALS, today, limits().originals(), calendar));
        }
        send(PartnerMessage.Kind.HAND_OFF, now, new PartnerMessage.CaseFile(itemCode, itemName, handlingOffice(),
                new PartnerMessage.Party(PartnerMessage.PartyKind.valueOf(applicant.kind().name()), applicant.name(),
                        applicant.idType() == null ? null : applicant.idType().name(), applicant.idNumber(), applicant.creditCode()),
                materials().stream().map(m -> new PartnerMessage.Document(m.name(), m.reference())).toList(), submittedAt),
                null, null, null, null);
    }

    /** The partner's result reached the applicant. */
    void deliverResult(ResultDelivery.@Nullable Method method, @Nullable String trackingNumber, String by, Instant now, LocalDate today) {
        if (method == null) {
            throw new RuleViolation("delivery.method", "delivery-method-required");
        }
        if (method == ResultDelivery.Method.MAIL && (trackingNumber == null || trackingNumber.isBlank())) {
            throw new RuleViolation("delivery.trackingNumber", "tracking-number-required");
        }
        move(Action.Kind.DELIVER_RESULT, ApplicationStatus.RESULT_DELIVERED, by,
                method.label() + (trackingNumber == null ? "" : " " + trackingNumber), now);
        resultDelivery = new ResultDelivery(method, trackingNumber, now, by);
        finish(Leg.Kind.RESULT, today);
    }

    /** The paper originals went to the deciding office by post (寄送纸质原件), with the tracking number. */
    void mailOriginals(@Nullable String trackingNumber, String by, Instant now, LocalDate today) {
        requireAllowed(Action.Kind.MAIL_ORIGINALS, status); // not a move: the status stays
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw new RuleViolation("delivery.trackingNumber", "tracking-number-required");
        }
        originalsMailing = new ResultDelivery(ResultDelivery.Method.MAIL, trackingNumber, now, by);
        finish(Leg.Kind.ORIGINALS, today);
    }

    private boolean originalsPending() {
        return originalsRequired && originalsMailing == null;
    }

    private Leg.Limits limits() {
        return legLimits == null ? Leg.Limits.DEFAULTS : legLimits;
    }

    private void finish(Leg.Kind kind, LocalDate today) {
        legs.replaceAll(l -> l.kind() == kind ? l.done(today) : l);
    }

    /** The legs still running whose due date has passed (none once the case is withdrawn or refused). */
    List<Leg> overdueLegs(LocalDate today) {
        if (status == ApplicationStatus.WITHDRAWN || status == ApplicationStatus.NOT_ACCEPTED) {
            return List.of();
        }
        return legs().stream().filter(l -> l.overdue(today)).toList();
    }

    /**
     * A message from the partner region about this case, applied once and in order: a sequence seen
     * before changes nothing (false); the next one is applied (true); a later one is refused until
     * the ones before it have come.
     */
    boolean receive(PartnerMessage message, LocalDate today, WorkingDayCalendar calendar) {
        if (message.sequence() <= lastReceived) {
            return false;
        }
        if (message.sequence() != lastReceived + 1) {
            throw new StateConflict("exchange-message-early", Map.of("expectedSequence", lastReceived + 1), message.correlationId(),
                    message.sequence(), lastReceived + 1);
        }
        boolean fromTheHandlingRegion = !handledHere() && takenInHere() && message.kind().fromHandlingRegion();
        boolean fromTheIntakeRegion = handledHere() && !takenInHere() && !message.kind().fromHandlingRegion()
                && message.kind() != PartnerMessage.Kind.HAND_OFF;
        if (fromTheIntakeRegion) {
            applyFromIntake(message, today, calendar);
            lastReceived = message.sequence();
            return true;
        }
        if (!fromTheHandlingRegion) {
            throw new StateConflict("exchange-message-unexpected", Map.of("currentStatus", status), message.kind(), status.label());
        }
        Instant at = message.occurredAt();
        String by = "partner:" + message.fromRegion();
        ApplicationStatus to = switch (message.kind()) {
            case ACCEPTED -> ApplicationStatus.ACCEPTED;
            case NOT_ACCEPTED -> ApplicationStatus.NOT_ACCEPTED;
            case CORRECTION_REQUESTED -> ApplicationStatus.CORRECTION_REQUESTED;
            case HANDLING_STARTED -> ApplicationStatus.IN_PROGRESS;
            case COMPLETED -> ApplicationStatus.COMPLETED;
            default -> throw new IllegalStateException();
        };
        Set<ApplicationStatus> legal = switch (message.kind()) {
            case ACCEPTED, NOT_ACCEPTED -> EnumSet.of(ApplicationStatus.HANDED_OFF);
            case CORRECTION_REQUESTED -> EnumSet.of(ApplicationStatus.HANDED_OFF, ApplicationStatus.IN_PROGRESS);
            case HANDLING_STARTED -> EnumSet.of(ApplicationStatus.ACCEPTED);
            default -> EnumSet.of(ApplicationStatus.IN_PROGRESS, ApplicationStatus.ACCEPTED);
        };
        if (!legal.contains(status)) {
            throw new StateConflict("exchange-message-unexpected", Map.of("currentStatus", status), message.kind(), status.label());
        }
        if (message.kind() == PartnerMessage.Kind.CORRECTION_REQUESTED && (message.missing() == null || message.missing().isEmpty())) {
            throw new RuleViolation("missing", "correction-lists-missing");
        }
        if (message.kind() == PartnerMessage.Kind.COMPLETED && message.outcome() == null) {
            throw new RuleViolation("outcome", "outcome-required");
        }
        boolean duringHandling = status == ApplicationStatus.IN_PROGRESS;
        String note = message.kind() == PartnerMessage.Kind.CORRECTION_REQUESTED ? String.join("；", message.missing()) : message.note();
        record(to, by, note, at, message.fromRegion(), message.office());
        switch (message.kind()) {
            case ACCEPTED -> {
                acceptedOn = today;
                dueOn = calendar.plusWorkingDays(today, promisedWorkingDays);
                legs.add(new Leg(Leg.Kind.DECISION, today, dueOn, null));
            }
            case CORRECTION_REQUESTED -> {
                correction = new CorrectionNotice(List.copyOf(message.missing()), at, by, duringHandling);
                if (duringHandling) {
                    pausedSince = today;
                }
            }
            case COMPLETED -> {
                outcome = Outcome.valueOf(message.outcome().name());
                finish(Leg.Kind.DECISION, today);
                legs.add(Leg.started(Leg.Kind.RESULT, today, limits().result(), calendar));
            }
            case NOT_ACCEPTED -> finish(Leg.Kind.DECISION, today);
            default -> { }
        }
        lastReceived = message.sequence();
        return true;
    }

    /**
     * A case a partner region's intake window hands to Hongqiao (we decide it): it lands as
     * HANDED_OFF in the deciding office's queue, its applicant as the partner checked them, under
     * the partner's correlation number. The partner's system is its "applicant" here: it alone
     * resubmits or withdraws, through messages.
     */
    static Application handedIn(PartnerMessage message, Item item, Applicant applicant, String fingerprint, Instant now) {
        PartnerMessage.CaseFile file = message.caseFile();
        Application a = new Application();
        a.itemId = item.id();
        a.itemCode = item.code();
        a.itemName = item.name();
        a.department = item.department();
        a.handlingOffice = item.department();
        a.promisedWorkingDays = item.promisedLimitDays();
        a.intakeRegion = message.fromRegion();
        a.handlingRegion = ServiceItem.HONGQIAO;
        a.applicant = applicant;
        a.applicantSubject = "partner:" + message.fromRegion();
        a.idempotencyKey = message.correlationId();
        a.requestFingerprint = fingerprint;
        a.materials = file.documents() == null ? List.of()
                : file.documents().stream().map(d -> new SubmittedMaterial(d.name(), d.reference())).toList();
        a.status = ApplicationStatus.HANDED_OFF;
        a.submittedAt = file.submittedAt();
        a.verification = Verification.notNeeded();
        a.correlationId = message.correlationId();
        a.lastReceived = message.sequence();
        a.moves.add(new Move(null, ApplicationStatus.HANDED_OFF, now, "partner:" + message.fromRegion(), null, message.fromRegion(),
                message.office()));
        return a;
    }

    /** The intake region's resubmission after our correction notice, or the applicant's withdrawal there. */
    private void applyFromIntake(PartnerMessage message, LocalDate today, WorkingDayCalendar calendar) {
        String by = "partner:" + message.fromRegion();
        switch (message.kind()) {
            case RESUBMISSION -> {
                if (status != ApplicationStatus.CORRECTION_REQUESTED) {
                    throw new StateConflict("exchange-message-unexpected", Map.of("currentStatus", status), message.kind(), status.label());
                }
                boolean duringHandling = correction != null && correction.duringHandling();
                record(duringHandling ? ApplicationStatus.IN_PROGRESS : ApplicationStatus.HANDED_OFF, by, null, message.occurredAt(),
                        message.fromRegion(), message.office());
                corrected(message.documents() == null ? List.of()
                        : message.documents().stream().map(d -> new SubmittedMaterial(d.name(), d.reference())).toList(), today, calendar);
            }
            case WITHDRAWAL -> {
                if (!OPEN.contains(status)) {
                    throw new StateConflict("exchange-message-unexpected", Map.of("currentStatus", status), message.kind(), status.label());
                }
                record(ApplicationStatus.WITHDRAWN, by, message.note(), message.occurredAt(), message.fromRegion(), message.office());
            }
            default -> throw new StateConflict("exchange-message-unexpected", Map.of("currentStatus", status), message.kind(), status.label());
        }
    }

    /** The relay's view: the first message not yet delivered, if it is due (a parked one holds back those after it). */
    @Nullable Outgoing nextToSend(Instant now) {
        for (Outgoing o : outbox) {
            if (o.status() == Outgoing.Status.SENT) {
                continue;
            }
            return o.status() == Outgoing.Status.PENDING && !o.nextAttemptAt().isAfter(now) ? o : null;
        }
        return null;
    }

    /** Records the outcome of the relay's attempt at message {@code sequence}. */
    void attempted(int sequence, java.util.function.UnaryOperator<Outgoing> result, LocalDate today) {
        Outgoing o = result.apply(outbox.get(sequence - 1));
        outbox.set(sequence - 1, o);
        if (o.status() == Outgoing.Status.SENT && o.message().kind() == PartnerMessage.Kind.HAND_OFF) {
            finish(Leg.Kind.PUSH, today); // the case is at the deciding office
        }
        outboxDueAt = headDueAt();
    }

    /** When the first message not delivered is due (null: none, or it is parked). */
    private @Nullable Instant headDueAt() {
        return outbox.stream().filter(m -> m.status() != Outgoing.Status.SENT).findFirst()
                .filter(m -> m.status() == Outgoing.Status.PENDING).map(Outgoing::nextAttemptAt).orElse(null);
    }

    /** Whether {@code outboxDueAt} says what the outbox holds; if not it is set right (the relay then saves it). */
    boolean outboxDueAtStale() {
        Instant actual = headDueAt();
        if (java.util.Objects.equals(actual, outboxDueAt)) {
            return false;
        }
        outboxDueAt = actual;
        return true;
    }

    /** An operator sends a parked message again. */
    void retryParked(int sequence, Instant now, LocalDate today) {
        if (sequence < 1 || sequence > outbox.size()) {
            throw new cn.hongqiao.samecity.defaults.problem.NotFoundException("exchange-message", correlationId + "#" + sequence);
        }
        attempted(sequence, o -> o.retried(now), today);
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
        send(PartnerMessage.Kind.CORRECTION_REQUESTED, now, null, List.copyOf(missing), null, null, null);
    }

    void resubmit(List<SubmittedMaterial> added, String by, Instant now, LocalDate today, WorkingDayCalendar calendar) {
        boolean duringHandling = correction != null && correction.duringHandling();
        // a correction the deciding office asked for goes back to it; the intake window's own, back to pre-review
        boolean askedByPartner = !handledHere() && correction != null && correction.by().startsWith("partner:");
        move(Action.Kind.RESUBMIT, duringHandling ? ApplicationStatus.IN_PROGRESS
                : askedByPartner ? ApplicationStatus.HANDED_OFF : ApplicationStatus.PRE_REVIEW, by, null, now);
        if (askedByPartner) {
            send(PartnerMessage.Kind.RESUBMISSION, now, null, null, added == null ? List.of() : added, null, null);
        }
        corrected(added == null ? List.of() : added, today, calendar);
    }

    /** The correction is answered: the materials added, and a clock stopped during handling runs again, later by the pause. */
    private void corrected(List<SubmittedMaterial> added, LocalDate today, WorkingDayCalendar calendar) {
        List<SubmittedMaterial> all = new ArrayList<>(materials());
        all.addAll(added);
        materials = List.copyOf(all);
        if (correction != null && correction.duringHandling() && pausedSince != null) {
            pausedWorkingDays += calendar.workingDaysBetween(pausedSince, today);
            dueOn = calendar.plusWorkingDays(acceptedOn, promisedWorkingDays + pausedWorkingDays);
            pausedSince = null;
            LocalDate due = dueOn;
            legs.replaceAll(l -> l.kind() == Leg.Kind.DECISION ? l.dueOn(due) : l);
        }
        correction = null;
    }

    void accept(String by, Instant now, LocalDate today, WorkingDayCalendar calendar) {
        move(Action.Kind.ACCEPT, ApplicationStatus.ACCEPTED, by, null, now);
        acceptedOn = today;
        dueOn = calendar.plusWorkingDays(today, promisedWorkingDays);
        send(PartnerMessage.Kind.ACCEPTED, now, null, null, null, null, null);
    }

    void refuseToAccept(String reason, String by, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("note", "refusal-reason-required");
        }
        move(Action.Kind.REFUSE_TO_ACCEPT, ApplicationStatus.NOT_ACCEPTED, by, reason, now);
        if (handledHere()) {
            send(PartnerMessage.Kind.NOT_ACCEPTED, now, null, null, null, null, reason);
        }
    }

    void startHandling(String by, Instant now) {
        move(Action.Kind.START_HANDLING, ApplicationStatus.IN_PROGRESS, by, null, now);
        send(PartnerMessage.Kind.HANDLING_STARTED, now, null, null, null, null, null);
    }

    void complete(Outcome outcome, String note, String by, Instant now) {
        if (outcome == null) {
            throw new RuleViolation("outcome", "outcome-required");
        }
        move(Action.Kind.COMPLETE, ApplicationStatus.COMPLETED, by, note, now);
        this.outcome = outcome;
        send(PartnerMessage.Kind.COMPLETED, now, null, null, null, outcome, note);
    }

    void withdraw(String by, Instant now) {
        boolean handedOff = correlationId != null;
        move(Action.Kind.WITHDRAW, ApplicationStatus.WITHDRAWN, by, null, now);
        if (handedOff) {
            send(PartnerMessage.Kind.WITHDRAWAL, now, null, null, null, null, null);
        }
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
    /** The desk that works on it here: the deciding office, or for a partner's item the intake window. */
    public String department() { return department; }
    /** The office that decides it (办理部门), here or in the partner region. */
    public String handlingOffice() { return handlingOffice == null ? department : handlingOffice; }
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
    public @Nullable String correlationId() { return correlationId; }
    public List<Outgoing> outbox() { return outbox == null ? List.of() : List.copyOf(outbox); }
    public @Nullable Instant outboxDueAt() { return outboxDueAt; }
    public @Nullable ResultDelivery resultDelivery() { return resultDelivery; }
    public List<Leg> legs() { return legs == null ? List.of() : List.copyOf(legs); }
    public @Nullable ResultDelivery originalsMailing() { return originalsMailing; }
}

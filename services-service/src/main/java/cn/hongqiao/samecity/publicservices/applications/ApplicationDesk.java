package cn.hongqiao.samecity.publicservices.applications;

import java.time.Clock;
import java.time.LocalDate;

import cn.hongqiao.samecity.defaults.personal.PersonalDataKeys;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;
import cn.hongqiao.samecity.publicservices.exchange.ExchangeProperties;
import cn.hongqiao.samecity.publicservices.exchange.PartnerMessage;
import cn.hongqiao.samecity.publicservices.exchange.Receipt;
import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.publicservices.items.ServiceItemRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Submitting and handling applications, with who may see and do what enforced here, in this
 * service: an applicant sees and acts on only their own applications (the token's subject); a
 * desk officer sees their department's (the token's {@code department} claim); an admin sees all.
 * Anything else is indistinguishable from a missing application (404).
 */
@Component
class ApplicationDesk {

    private static final Logger log = LoggerFactory.getLogger(ApplicationDesk.class);

    /** Who is calling, as the token says. */
    record Caller(String subject, boolean citizen, boolean enterprise, boolean officer, boolean admin, @Nullable String department) {
        boolean applicant() {
            return citizen || enterprise;
        }
    }

    /** The application, and whether this submission created it (false: the same key and body again). */
    record Submitted(Application application, boolean created) {
    }

    private final PersonalDataKeys keys;
    private final MongoTemplate mongo;
    private final ServiceItemRepository items;
    private final WorkingDayCalendar calendar;
    private final EnterpriseVerifier verifier;
    private final JsonMapper json;
    private final Clock clock;
    private final ExchangeProperties exchange;

    ApplicationDesk(MongoTemplate mongo, ServiceItemRepository items, WorkingDayCalendar calendar, EnterpriseVerifier verifier,
            JsonMapper json, Clock clock, ExchangeProperties exchange, PersonalDataKeys keys) {
        this.keys = keys;
        this.exchange = exchange;
        this.mongo = mongo;
        this.items = items;
        this.calendar = calendar;
        this.verifier = verifier;
        this.json = json;
        this.clock = clock;
    }

    Submitted submit(Submission submission, String idempotencyKey, Caller caller) {
        Applicant.Kind kind = submission.applicant().kind();
        if (kind == Applicant.Kind.CITIZEN && !caller.citizen() || kind == Applicant.Kind.ENTERPRISE && !caller.enterprise()) {
            throw new RuleViolation("applicant.kind", caller.citizen() ? "citizen-applies-as-citizen" : "enterprise-applies-as-enterprise");
        }
        String fingerprint = fingerprint(submission);
        Application existing = byKey(caller.subject(), idempotencyKey);
        if (existing != null) {
            return replay(existing, submission);
        }
        ServiceItem item = items.findById(submission.itemId())
                .orElseThrow(() -> new RuleViolation("itemId", "item-unknown", submission.itemId()));
        ExchangeProperties.Legs legs = exchange.legsWith(item.handledBy());
        Application.Intake intake = new Application.Intake(exchange.intakeOffice(), new Leg.Limits(legs.push(), legs.originals(), legs.result()),
                calendar, LocalDate.now(clock));
        Application application = Application.submit(submission, itemOf(item), intake, caller.subject(), idempotencyKey, fingerprint,
                clock.instant());
        try {
            application = mongo.insert(application);
        } catch (DuplicateKeyException raced) {
            return replay(byKey(caller.subject(), idempotencyKey), submission);
        }
        log.info("Application {} submitted for item {} ({})", application.id(), item.code(), application.applicant().kind());
        if (application.applicant().kind() == Applicant.Kind.ENTERPRISE) {
            application = verifier.verify(application);
        }
        return new Submitted(application, true);
    }

    /** The item as the application keeps it: a thin view, so the domain does not depend on the catalogue's storage. */
    private static Application.Item itemOf(ServiceItem item) {
        return new Application.Item(item.id(), item.code(), item.name(), item.department(), item.promisedLimitDays(), item.partnerRegions(),
                item.handledBy(), item.materials().stream().anyMatch(m -> m.form() == cn.hongqiao.samecity.publicservices.items.Material.Form.ORIGINAL));
    }

    private Submitted replay(Application existing, Submission submission) {
        if (!sameRequest(existing, submission)) {
            throw new IdempotencyKeyReused();
        }
        return new Submitted(existing, false);
    }

    Application get(String id, Caller caller) {
        Application application = mongo.findById(id, Application.class);
        if (application == null || !visible(application, caller)) {
            throw new NotFoundException("application", id);
        }
        return application;
    }

    /** {@link Application#overdue} as a query: accepted and not finished, past the due date, its clock running. */
    static Criteria decisionOverdue(LocalDate today) {
        return new Criteria().andOperator(Criteria.where("status").in(ApplicationStatus.ACCEPTED, ApplicationStatus.IN_PROGRESS),
                Criteria.where("dueOn").lt(today), Criteria.where("pausedSince").is(null));
    }

    /** The filter every list applies: only what the caller may see. */
    static Criteria visibleTo(Caller caller) {
        if (caller.admin()) {
            return new Criteria();
        }
        if (caller.officer()) {
            return Criteria.where("department").is(caller.department() == null ? "\u0000none" : caller.department());
        }
        return Criteria.where("applicantSubject").is(caller.subject());
    }

    private static boolean visible(Application a, Caller caller) {
        return caller.admin() || caller.officer() && a.department().equals(caller.department())
                || caller.applicant() && a.applicantSubject().equals(caller.subject());
    }

    /**
     * Moves the application as {@code action} says. The exchange relay also writes applications (the
     * outbox's delivery state): when it saved in between, the move is made again on what is stored
     * now, so nobody sees a conflict they did not cause.
     */
    Application act(String id, Action action, Caller caller) {
        return retryingOnRace(() -> actOnce(id, action, caller));
    }

    /**
     * A partner region's message about one of the cases it shares with Hongqiao ({@code region}: the
     * region its token names), applied once and in order. Another region's case is a 404, as if it
     * did not exist.
     */
    Receipt receive(String correlationId, PartnerMessage message, String region) {
        if (!correlationId.equals(message.correlationId())) {
            throw new RuleViolation("correlationId", "correlation-id-mismatch", correlationId);
        }
        if (!region.equals(message.fromRegion())) {
            throw new RuleViolation("fromRegion", "from-region-mismatch", region);
        }
        return retryingOnRace(() -> {
            Application a = mongo.findOne(Query.query(Criteria.where("correlationId").is(correlationId)), Application.class);
            if (a == null || !region.equals(a.partnerRegion())) {
                throw new NotFoundException("exchange-case", correlationId);
            }
            boolean applied = a.receive(message, LocalDate.now(clock), calendar);
            if (applied) {
                mongo.save(a);
                log.info("Exchange message {}#{} ({}) from region {} applied: application {} now {}", correlationId, message.sequence(),
                        message.kind(), region, a.id(), a.status());
            }
            return new Receipt(correlationId, message.sequence(), applied ? Receipt.Status.APPLIED : Receipt.Status.DUPLICATE);
        });
    }

    /**
     * A partner region hands Hongqiao a case to decide: checked record by record (a bad one is
     * refused with a code per problem and nothing stored), idempotent on the correlation number (a
     * redelivery answers DUPLICATE and stores nothing twice; the same number with another case is a
     * 409), landing in the deciding office's queue.
     */
    Receipt handIn(PartnerMessage message, String region) {
        if (message.kind() != PartnerMessage.Kind.HAND_OFF) {
            throw new RuleViolation("kind", "hand-off-kind");
        }
        if (message.sequence() != 1) {
            throw new RuleViolation("sequence", "hand-off-first");
        }
        if (!region.equals(message.fromRegion())) {
            throw new RuleViolation("fromRegion", "from-region-mismatch", region);
        }
        if (!message.correlationId().startsWith(region + "-")) {
            throw new RuleViolation("correlationId", "correlation-of-the-intake-region", region);
        }
        PartnerMessage.CaseFile file = message.caseFile();
        if (file == null) {
            throw new RuleViolation("caseFile", "hand-off-case-file");
        }
        String fingerprint = fingerprint(message.caseFile());
        Application existing = byKey("partner:" + region, message.correlationId());
        if (existing != null) {
            return handedInAgain(existing, message);
        }
        ServiceItem item = items.findByCode(file.itemCode())
                .filter(i -> i.handledHere() && i.partnerRegions().contains(region))
                .orElseThrow(() -> new RuleViolation("caseFile.itemCode", "item-not-taken-in-there", file.itemCode(), region));
        Application a = Application.handedIn(message, itemOf(item), applicantOf(file.applicant()), fingerprint, clock.instant());
        try {
            a = mongo.insert(a);
        } catch (DuplicateKeyException raced) {
            return handedInAgain(byKey("partner:" + region, message.correlationId()), message);
        }
        log.info("Case {} handed in by region {} for item {}: application {} in the queue of {}", message.correlationId(), region,
                item.code(), a.id(), a.department());
        return new Receipt(message.correlationId(), 1, Receipt.Status.APPLIED);
    }

    private Receipt handedInAgain(Application existing, PartnerMessage message) {
        if (!sameRequest(existing, message.caseFile())) {
            throw new cn.hongqiao.samecity.defaults.problem.StateConflict("correlation-id-reused", java.util.Map.of(), message.correlationId());
        }
        return new Receipt(message.correlationId(), 1, Receipt.Status.DUPLICATE);
    }

    /** The applicant as the intake window checked them; a person needs an ID, an enterprise its credit code. */
    private static Applicant applicantOf(PartnerMessage.Party party) {
        Applicant.IdType idType = null;
        if (party.idType() != null) {
            try {
                idType = Applicant.IdType.valueOf(party.idType());
            } catch (IllegalArgumentException unknown) {
                throw new RuleViolation("caseFile.applicant.idType", "party-id-type", party.idType());
            }
        }
        Applicant applicant = new Applicant(Applicant.Kind.valueOf(party.kind().name()), party.name(), idType, party.idNumber(),
                party.creditCode());
        boolean identified = applicant.kind() == Applicant.Kind.CITIZEN
                ? idType != null && party.idNumber() != null && party.idNumber().matches("[0-9A-Za-z]{6,30}")
                : party.creditCode() != null && party.creditCode().matches("[0-9A-HJ-NPQRTUWXY]{18}");
        if (!identified) {
            throw new RuleViolation("caseFile.applicant", "applicant-identity");
        }
        return applicant;
    }

    /** An operator sends a parked message again. */
    Application retryParked(String correlationId, int sequence) {
        return retryingOnRace(() -> {
            Application a = mongo.findOne(Query.query(Criteria.where("correlationId").is(correlationId)), Application.class);
            if (a == null) {
                throw new NotFoundException("exchange-case", correlationId);
            }
            a.retryParked(sequence, clock.instant(), LocalDate.now(clock));
            log.info("Exchange message {}#{} released for another delivery by an operator", correlationId, sequence);
            return mongo.save(a);
        });
    }

    private static <T> T retryingOnRace(java.util.function.Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    private Application actOnce(String id, Action action, Caller caller) {
        Application a = get(id, caller);
        LocalDate today = LocalDate.now(clock);
        var now = clock.instant();
        boolean desk = caller.officer() || caller.admin();
        switch (action.action()) {
            case START_PRE_REVIEW -> { requireDesk(desk); a.startPreReview(caller.subject(), now); }
            case REQUEST_CORRECTION -> { requireDesk(desk); a.requestCorrection(action.missing(), caller.subject(), now, today); }
            case ACCEPT -> { requireDesk(desk); a.accept(caller.subject(), now, today, calendar); }
            case REFUSE_TO_ACCEPT -> { requireDesk(desk); a.refuseToAccept(action.note(), caller.subject(), now); }
            case START_HANDLING -> { requireDesk(desk); a.startHandling(caller.subject(), now); }
            case COMPLETE -> { requireDesk(desk); a.complete(action.outcome(), action.note(), caller.subject(), now); }
            case RESUBMIT -> { requireApplicant(caller); a.resubmit(action.materialsAsDomain(), caller.subject(), now, today, calendar); }
            case WITHDRAW -> { requireApplicant(caller); a.withdraw(caller.subject(), now); }
            case HAND_OFF -> { requireDesk(desk); a.handOff(caller.subject(), now, today, calendar); }
            case MAIL_ORIGINALS -> {
                requireDesk(desk);
                a.mailOriginals(action.delivery() == null ? null : action.delivery().trackingNumber(), caller.subject(), now, today);
            }
            case DELIVER_RESULT -> {
                requireDesk(desk);
                a.deliverResult(action.delivery() == null ? null : action.delivery().method(),
                        action.delivery() == null ? null : action.delivery().trackingNumber(), caller.subject(), now, today);
            }
        }
        return mongo.save(a);
    }

    private static void requireDesk(boolean desk) {
        if (!desk) {
            throw new org.springframework.security.access.AccessDeniedException("only a desk officer handles applications");
        }
    }

    private static void requireApplicant(Caller caller) {
        if (!caller.applicant()) {
            throw new org.springframework.security.access.AccessDeniedException("only the applicant resubmits or withdraws");
        }
    }

    private Application byKey(String subject, String key) {
        return mongo.findOne(Query.query(Criteria.where("applicantSubject").is(subject).and("idempotencyKey").is(key)), Application.class);
    }

    /**
     * The request's fingerprint, to tell a replay from another request under the same key: keyed
     * (HMAC under the personal-data keys), since a plain hash of a body holding an ID number would
     * give the number away to anyone who tries them all.
     */
    private String fingerprint(Object request) {
        return keys.fingerprint(json.writeValueAsBytes(request));
    }

    /** Whether {@code request} is the one {@code existing} was made from (its fingerprint under any of the keys, rotated or not). */
    private boolean sameRequest(Application existing, Object request) {
        return keys.fingerprintMatches(existing.requestFingerprint(), json.writeValueAsBytes(request));
    }

    /** 422: the key was used before with a different request. */
    static class IdempotencyKeyReused extends cn.hongqiao.samecity.defaults.problem.ProblemException {
        IdempotencyKeyReused() {
            super(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
        }
    }
}

package cn.hongqiao.samecity.publicservices.applications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;

import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;
import cn.hongqiao.samecity.publicservices.items.ServiceItem;
import cn.hongqiao.samecity.publicservices.items.ServiceItemRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
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

    private final MongoTemplate mongo;
    private final ServiceItemRepository items;
    private final WorkingDayCalendar calendar;
    private final EnterpriseVerifier verifier;
    private final JsonMapper json;
    private final Clock clock;

    ApplicationDesk(MongoTemplate mongo, ServiceItemRepository items, WorkingDayCalendar calendar, EnterpriseVerifier verifier,
            JsonMapper json, Clock clock) {
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
            return replay(existing, fingerprint);
        }
        ServiceItem item = items.findById(submission.itemId())
                .orElseThrow(() -> new RuleViolation("itemId", "item-unknown", submission.itemId()));
        Application application = Application.submit(submission, new Application.Item(item.id(), item.code(), item.name(),
                item.department(), item.promisedLimitDays(), item.partnerRegions()), caller.subject(), idempotencyKey, fingerprint,
                clock.instant());
        try {
            application = mongo.insert(application);
        } catch (DuplicateKeyException raced) {
            return replay(byKey(caller.subject(), idempotencyKey), fingerprint);
        }
        log.info("Application {} submitted for item {} ({})", application.id(), item.code(), application.applicant().kind());
        if (application.applicant().kind() == Applicant.Kind.ENTERPRISE) {
            application = verifier.verify(application);
        }
        return new Submitted(application, true);
    }

    private static Submitted replay(Application existing, String fingerprint) {
        if (!existing.requestFingerprint().equals(fingerprint)) {
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

    Application act(String id, Action action, Caller caller) {
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

    private String fingerprint(Submission submission) {
        try {
            byte[] canonical = json.writeValueAsBytes(submission);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 422: the key was used before with a different request. */
    static class IdempotencyKeyReused extends cn.hongqiao.samecity.defaults.problem.ProblemException {
        IdempotencyKeyReused() {
            super(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
        }
    }
}

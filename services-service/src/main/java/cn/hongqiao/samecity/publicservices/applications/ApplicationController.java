package cn.hongqiao.samecity.publicservices.applications;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.personal.PersonalDataKeys;
import cn.hongqiao.samecity.defaults.problem.ETags;
import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.publicservices.exchange.PartnerMessage;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/applications}: 办件. Citizens and enterprises submit and follow their own; desk
 * officers handle their department's. Never public. ID numbers are masked in every answer.
 */
@Tag(name = "applications")
@RestController
@RequestMapping("/api/v1/applications")
@PreAuthorize("isAuthenticated()")
class ApplicationController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record ApplicationView(String id, String itemId, String itemCode, String itemName, String department, String handlingOffice, String intakeRegion,
            String handlingRegion, Applicant applicant, List<Application.SubmittedMaterial> materials, ApplicationStatus status,
            String statusName, Set<Action.Kind> allowedActions, Application.@Nullable Outcome outcome, Instant submittedAt, @Nullable LocalDate acceptedOn, @Nullable LocalDate dueOn,
            boolean overdue, int pausedWorkingDays, Application.@Nullable CorrectionNotice correction, Verification verification,
            List<Application.Move> moves, @Nullable String correlationId, List<ExchangeView> exchange, List<LegView> legs,
            Application.@Nullable ResultDelivery originalsMailing, Application.@Nullable ResultDelivery resultDelivery, long version) {

        /** A leg of a case taken in for a partner region, with its clock: due on, done on, overdue now. */
        record LegView(Leg.Kind kind, String kindName, LocalDate startedOn, LocalDate dueOn, @Nullable LocalDate doneOn, boolean overdue) {
        }

        /** A message to the partner region and where its delivery stands (never its content: it carries the full ID number). */
        record ExchangeView(int sequence, PartnerMessage.Kind kind, String kindName, Outgoing.Status status, String statusName, int attempts,
                @Nullable Instant nextAttemptAt, @Nullable Instant sentAt, @Nullable String lastError) {

            static ExchangeView of(Outgoing o) {
                return new ExchangeView(o.sequence(), o.message().kind(), o.message().kind().label(), o.status(), o.status().label(),
                        o.attempts(), o.status() == Outgoing.Status.PENDING ? o.nextAttemptAt() : null, o.sentAt(), o.lastError());
            }
        }

        /** {@code allowedActions}: what {@code caller} may do with it now. */
        static ApplicationView of(Application a, LocalDate today, ApplicationDesk.Caller caller) {
            List<Leg> late = a.overdueLegs(today);
            return new ApplicationView(a.id(), a.itemId(), a.itemCode(), a.itemName(), a.department(), a.handlingOffice(), a.intakeRegion(),
                    a.handlingRegion(), a.applicant().masked(), a.materials(), a.status(), a.status().label(),
                    a.allowedActions(caller.officer() || caller.admin(), caller.applicant()), a.outcome(),
                    a.submittedAt(), a.acceptedOn(), a.dueOn(), a.overdue(today) || !late.isEmpty(), a.pausedWorkingDays(), a.correction(),
                    a.verification(), a.moves(), a.correlationId(), a.outbox().stream().map(ExchangeView::of).toList(),
                    a.legs().stream().map(l -> new LegView(l.kind(), l.kind().label(), l.startedOn(), l.dueOn(), l.doneOn(),
                            late.contains(l))).toList(),
                    a.originalsMailing(), a.resultDelivery(), a.version());
        }
    }

    private final ApplicationDesk desk;
    private final EnterpriseVerifier verifier;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final PersonalDataKeys keys;

    ApplicationController(ApplicationDesk desk, EnterpriseVerifier verifier, MongoTemplate mongo, Clock clock, PersonalDataKeys keys) {
        this.desk = desk;
        this.verifier = verifier;
        this.mongo = mongo;
        this.clock = clock;
        this.keys = keys;
    }

    /**
     * Submits an application. {@code Idempotency-Key} is required: the same key with the same body
     * answers the same application (200), with another body 422.
     */
    @PostMapping
    @PreAuthorize("hasAnyRole('CITIZEN', 'ENTERPRISE')")
    @Answers(status = 201, alsoStatus = 200, headers = { Answers.LOCATION, Answers.ETAG }, problems = "idempotency-key-reused")
    ResponseEntity<ApplicationView> submitApplication(
            @RequestHeader(name = IDEMPOTENCY_KEY) @Pattern(regexp = "[A-Za-z0-9._:-]{8,100}", message = "{rule.idempotency-key-format}") String key,
            @Valid @RequestBody Submission submission, JwtAuthenticationToken token, UriComponentsBuilder uri) {
        ApplicationDesk.Submitted submitted = desk.submit(submission, key, caller(token));
        Application a = submitted.application();
        ResponseEntity.BodyBuilder response = submitted.created()
                ? ResponseEntity.created(uri.path("/api/v1/applications/{id}").buildAndExpand(a.id()).toUri())
                : ResponseEntity.ok();
        return response.eTag(ETags.of(a.version())).body(ApplicationView.of(a, today(), caller(token)));
    }

    /**
     * A search of the desk by the applicant's ID number.
     *
     * @param idNumber the number on the person's ID card (case and surrounding blanks do not count)
     */
    record ApplicantSearch(@NotBlank @Size(max = 30) String idNumber) {
    }

    /**
     * Finds the applications of one person by their ID number, as a desk officer does for someone
     * at the counter: a desk officer's department's, an admin's all; newest first. The number goes
     * in the body, never in a URL (so it is in no access log); it is matched through its keyed
     * blind index, since the stored number is sealed.
     */
    @PostMapping("/searches")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(status = 200)
    PageView<ApplicationView> searchApplications(@Valid @RequestBody ApplicantSearch search, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, JwtAuthenticationToken token) {
        ApplicationDesk.Caller caller = caller(token);
        Query query = new Query(new Criteria().andOperator(ApplicationDesk.visibleTo(caller),
                Criteria.where("applicant.idNumber.i").in(keys.indexesOf(search.idNumber()))));
        var pageable = Paging.request(page, size, Sort.by(Sort.Direction.DESC, "submittedAt"));
        return PageView.of(MongoPages.find(mongo, query, pageable, Application.class), a -> ApplicationView.of(a, today(), caller));
    }

    /** Lists applications: a citizen or enterprise their own, a desk officer their department's, an admin all; newest first. */
    @GetMapping
    PageView<ApplicationView> listApplications(@RequestParam(required = false) ApplicationStatus status, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, JwtAuthenticationToken token) {
        Query query = new Query(ApplicationDesk.visibleTo(caller(token)));
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        var pageable = Paging.request(page, size, Sort.by(Sort.Direction.DESC, "submittedAt"));
        ApplicationDesk.Caller caller = caller(token);
        return PageView.of(MongoPages.find(mongo, query, pageable, Application.class), a -> ApplicationView.of(a, today(), caller));
    }

    /**
     * The desk's overdue list, most overdue first: accepted and not finished, past the due date with
     * the clock running; or a case taken in for a partner region with a leg past its due date
     * (the push, the originals, the partner's decision, the result's delivery).
     */
    @GetMapping("/overdue")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    PageView<ApplicationView> listOverdueApplications(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            JwtAuthenticationToken token) {
        LocalDate today = today();
        Criteria decisionOverdue = ApplicationDesk.decisionOverdue(today);
        Criteria legOverdue = new Criteria().andOperator(Criteria.where("status").nin(ApplicationStatus.WITHDRAWN, ApplicationStatus.NOT_ACCEPTED),
                Criteria.where("legs").elemMatch(Criteria.where("doneOn").is(null).and("dueOn").lt(today)));
        // one document of criteria: what the caller may see, and either way of running late
        Query query = new Query(new Criteria().andOperator(ApplicationDesk.visibleTo(caller(token)),
                new Criteria().orOperator(decisionOverdue, legOverdue)));
        var pageable = Paging.request(page, size, Sort.by("dueOn"));
        ApplicationDesk.Caller caller = caller(token);
        return PageView.of(MongoPages.find(mongo, query, pageable, Application.class), a -> ApplicationView.of(a, today(), caller));
    }

    /** One application; anyone else's answers 404, and ID numbers are always masked. */
    @GetMapping("/{id}")
    @Answers(headers = Answers.ETAG)
    ResponseEntity<ApplicationView> getApplication(@PathVariable String id, JwtAuthenticationToken token) {
        Application a = desk.get(id, caller(token));
        return ResponseEntity.ok().eTag(ETags.of(a.version())).body(ApplicationView.of(a, today(), caller(token)));
    }

    /**
     * Moves an application: desk officers pre-review, request a correction, accept or refuse, handle
     * and complete; the applicant resubmits or withdraws; an illegal move is a 409.
     */
    @PostMapping("/{id}/actions")
    @Answers(status = 201, headers = Answers.ETAG, problems = { "illegal-application-action", "forbidden" })
    ResponseEntity<ApplicationView> actOnApplication(@PathVariable String id, @Valid @RequestBody Action action, JwtAuthenticationToken token) {
        Application a = desk.act(id, action, caller(token));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(a.version())).body(ApplicationView.of(a, today(), caller(token)));
    }

    /** Verifies again every enterprise applicant still pending (also done every few minutes). */
    @PostMapping("/verifications")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    Map<String, Object> verifyPendingApplicants() {
        return Map.of("stillPending", verifier.verifyPending());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    static ApplicationDesk.Caller caller(JwtAuthenticationToken token) {
        Collection<GrantedAuthority> authorities = token.getAuthorities();
        Set<String> roles = authorities.stream().map(GrantedAuthority::getAuthority).collect(java.util.stream.Collectors.toSet());
        return new ApplicationDesk.Caller(token.getName(), roles.contains("ROLE_CITIZEN"), roles.contains("ROLE_ENTERPRISE"),
                roles.contains("ROLE_OFFICER"), roles.contains("ROLE_ADMIN"), token.getToken().getClaimAsString("department"));
    }
}

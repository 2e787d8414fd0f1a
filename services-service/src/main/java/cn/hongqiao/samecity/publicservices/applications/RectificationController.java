package cn.hongqiao.samecity.publicservices.applications;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.web.ListView;
import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/rectifications}: 差评整改, the loop a poor rating opens. The department contacts
 * the rater (回访) and reports back what it rectified, each within its working-day due date; the
 * rater scores the rectification; the department may appeal the rating (申诉复核), which an admin
 * decides. Desk officers see their department's, the rater their own, an admin all. Timeliness per
 * department is public.
 */
@Tag(name = "rectifications")
@RestController
@RequestMapping("/api/v1/rectifications")
class RectificationController {

    record FollowUpRequest(@NotBlank @Size(max = 1000) String note) {
    }

    record ClosureRequest(@NotBlank @Size(max = 1000) String resolution) {
    }

    record ScoreRequest(@NotNull Rectification.Score score) {
    }

    record AppealRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    record AppealDecisionRequest(@NotNull Rectification.Decision decision, @Size(max = 1000) @Nullable String note) {
    }

    /**
     * @param followUpDueOn   回访 due (working days from the rating)
     * @param deadline        rectification and report due
     * @param followUpOverdue the 回访 is not done and its due date has passed
     * @param reportOverdue   the report is not made and its deadline has passed
     * @param reportedOnTime  whether the report came by the deadline (once made)
     */
    record RectificationView(String id, String applicationId, String itemCode, String department, Evaluation.Level level,
            @Nullable String complaint, LocalDate openedOn, LocalDate followUpDueOn, LocalDate deadline, Rectification.Status status,
            String statusName, Rectification.@Nullable FollowUp followUp, boolean followUpOverdue, @Nullable String resolution,
            @Nullable String closedBy, @Nullable Instant closedAt, @Nullable Boolean reportedOnTime, boolean reportOverdue,
            Rectification.@Nullable RaterScore raterScore, Rectification.@Nullable Appeal appeal, long version) {
        static RectificationView of(Rectification r, LocalDate today) {
            return new RectificationView(r.id(), r.applicationId(), r.itemCode(), r.department(), r.level(), r.complaint(), r.openedOn(),
                    r.followUpDueOn(), r.deadline(), r.status(), r.status().label(), r.followUp(), r.followUpOverdue(today), r.resolution(),
                    r.closedBy(), r.closedAt(), r.reportedOnTime(), r.reportOverdue(today), r.raterScore(), r.appeal(), r.version());
        }
    }

    /**
     * One department's 好差评 loop: how its rectifications kept their due dates.
     *
     * @param followUpTimeliness share of 回访 made on time among those made or overdue (null: none due yet)
     * @param reportTimeliness   share of reports made on time among those made or overdue (null: none due yet)
     * @param scores             the raters' scores of the rectifications
     */
    record LoopStatistics(String department, long total, long followUpOnTime, long followUpLate, long followUpOverdue,
            @Nullable BigDecimal followUpTimeliness, long reportOnTime, long reportLate, long reportOverdue,
            @Nullable BigDecimal reportTimeliness, Map<Rectification.Score, Long> scores, long appealsPending, long appealsUpheld,
            long appealsDismissed) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    RectificationController(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Rectifications: a desk officer their department's, a rater their own, an admin all; earliest due first.
     *
     * @param status        only those in this status
     * @param applicationId only the one of this application (a rater following up their rating)
     */
    @GetMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN', 'CITIZEN', 'ENTERPRISE')")
    PageView<RectificationView> listRectifications(@RequestParam(required = false) Rectification.Status status,
            @RequestParam(required = false) @Pattern(regexp = "[0-9a-f]{24}") String applicationId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, JwtAuthenticationToken token) {
        Query query = new Query(ApplicationDesk.visibleTo(ApplicationController.caller(token)));
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        if (applicationId != null) {
            query.addCriteria(Criteria.where("applicationId").is(applicationId));
        }
        var pageable = Paging.request(page, size, Sort.by("deadline"));
        LocalDate today = today();
        return PageView.of(MongoPages.find(mongo, query, pageable, Rectification.class), r -> RectificationView.of(r, today));
    }

    /** 回访: the department records whom it reached and what was said; timed against its due date. */
    @PostMapping("/{id}/follow-up")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(problems = "illegal-rectification-step")
    RectificationView followUpRectification(@PathVariable @Pattern(regexp = "[0-9a-f]{24}") String id, @Valid @RequestBody FollowUpRequest request,
            JwtAuthenticationToken token) {
        return step(id, token, (r, caller) -> r.followUp(request.note(), caller.subject(), clock.instant(), today()));
    }

    /** Reports what was rectified, after the 回访; timed against the deadline. */
    @PostMapping("/{id}/closure")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(problems = { "rectification-closed", "illegal-rectification-step" })
    RectificationView closeRectification(@PathVariable @Pattern(regexp = "[0-9a-f]{24}") String id, @Valid @RequestBody ClosureRequest request,
            JwtAuthenticationToken token) {
        return step(id, token, (r, caller) -> r.close(request.resolution(), caller.subject(), clock.instant(), today()));
    }

    /** The rater scores the rectification once it was reported: 满意, 基本满意 or 不满意. */
    @PostMapping("/{id}/score")
    @PreAuthorize("hasAnyRole('CITIZEN', 'ENTERPRISE')")
    @Answers(problems = "illegal-rectification-step")
    RectificationView scoreRectification(@PathVariable @Pattern(regexp = "[0-9a-f]{24}") String id, @Valid @RequestBody ScoreRequest request,
            JwtAuthenticationToken token) {
        return step(id, token, (r, caller) -> r.score(request.score(), clock.instant()));
    }

    /** The department appeals the rating as mistaken or made in bad faith (申诉), once; an admin decides. */
    @PostMapping("/{id}/appeal")
    @PreAuthorize("hasRole('OFFICER')")
    @Answers(problems = "illegal-rectification-step")
    RectificationView appealRating(@PathVariable @Pattern(regexp = "[0-9a-f]{24}") String id, @Valid @RequestBody AppealRequest request,
            JwtAuthenticationToken token) {
        return step(id, token, (r, caller) -> r.appeal(request.reason(), caller.subject(), clock.instant()));
    }

    /**
     * An admin decides a pending appeal (复核): upheld, the rating leaves the statistics and the
     * rectification is voided; dismissed, the loop goes on. Either way the decision is kept.
     */
    @PostMapping("/{id}/appeal-decision")
    @PreAuthorize("hasRole('ADMIN')")
    @Answers(problems = "illegal-rectification-step")
    RectificationView decideAppeal(@PathVariable @Pattern(regexp = "[0-9a-f]{24}") String id, @Valid @RequestBody AppealDecisionRequest request,
            JwtAuthenticationToken token) {
        ApplicationDesk.Caller caller = ApplicationController.caller(token);
        Rectification r = visible(id, caller);
        r.decideAppeal(request.decision(), request.note(), caller.subject(), clock.instant());
        if (request.decision() == Rectification.Decision.UPHELD) {
            Evaluation rating = mongo.findById(r.evaluationId(), Evaluation.class);
            if (rating != null) {
                rating.voidedByAppeal(r.id());
                mongo.save(rating);
            }
        }
        return RectificationView.of(mongo.save(r), today());
    }

    /**
     * 回访 and rectification timeliness per department, with the raters' scores and the appeals;
     * rectifications voided on appeal are left out of the timeliness.
     */
    @GetMapping("/statistics")
    ListView<LoopStatistics> getRectificationStatistics() {
        LocalDate today = today();
        Map<String, Tally> tallies = new TreeMap<>();
        try (var all = mongo.stream(new Query(), Rectification.class)) {
            all.forEach(r -> tallies.computeIfAbsent(r.department(), d -> new Tally()).add(r, today));
        }
        return ListView.of(tallies.entrySet().stream().map(e -> e.getValue().statistics(e.getKey())).toList());
    }

    /** One department's counts, as the statistics add them up. */
    private static final class Tally {
        long total, followUpOnTime, followUpLate, followUpOverdue, reportOnTime, reportLate, reportOverdue;
        long appealsPending, appealsUpheld, appealsDismissed;
        final Map<Rectification.Score, Long> scores = new EnumMap<>(Rectification.Score.class);

        void add(Rectification r, LocalDate today) {
            Rectification.Appeal appeal = r.appeal();
            if (appeal != null) {
                if (appeal.decision() == null) {
                    appealsPending++;
                } else if (appeal.decision() == Rectification.Decision.UPHELD) {
                    appealsUpheld++;
                } else {
                    appealsDismissed++;
                }
            }
            if (r.status() == Rectification.Status.VOIDED) {
                return; // out of the timeliness, as its rating is out of the ratings
            }
            total++;
            if (r.followUp() != null) {
                if (r.followUp().onTime()) {
                    followUpOnTime++;
                } else {
                    followUpLate++;
                }
            } else if (r.followUpOverdue(today)) {
                followUpOverdue++;
            }
            if (r.reportedOnTime() != null) {
                if (r.reportedOnTime()) {
                    reportOnTime++;
                } else {
                    reportLate++;
                }
            } else if (r.reportOverdue(today)) {
                reportOverdue++;
            }
            if (r.raterScore() != null) {
                scores.merge(r.raterScore().score(), 1L, Long::sum);
            }
        }

        LoopStatistics statistics(String department) {
            return new LoopStatistics(department, total, followUpOnTime, followUpLate, followUpOverdue,
                    share(followUpOnTime, followUpOnTime + followUpLate + followUpOverdue), reportOnTime, reportLate, reportOverdue,
                    share(reportOnTime, reportOnTime + reportLate + reportOverdue), scores, appealsPending, appealsUpheld, appealsDismissed);
        }
    }

    private static @Nullable BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** One step of the loop on a rectification the caller may see: the domain's move, then the save. */
    private RectificationView step(String id, JwtAuthenticationToken token, java.util.function.BiConsumer<Rectification, ApplicationDesk.Caller> move) {
        ApplicationDesk.Caller caller = ApplicationController.caller(token);
        Rectification r = visible(id, caller);
        move.accept(r, caller);
        return RectificationView.of(mongo.save(r), today());
    }

    /** The rectification if the caller may see it; 404 otherwise (no telling whether it exists). */
    private Rectification visible(String id, ApplicationDesk.Caller caller) {
        Rectification r = mongo.findOne(new Query(ApplicationDesk.visibleTo(caller)).addCriteria(Criteria.where("_id").is(id)), Rectification.class);
        if (r == null) {
            throw new NotFoundException("rectification", id);
        }
        return r;
    }
}

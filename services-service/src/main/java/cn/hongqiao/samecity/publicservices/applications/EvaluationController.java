package cn.hongqiao.samecity.publicservices.applications;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.web.ListView;
import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * 好差评: the applicant rates a completed application once; a poor rating opens a rectification
 * ({@link RectificationController}) with its 回访 and report due dates ({@link RectificationRules});
 * statistics per item and department are public.
 */
@Tag(name = "evaluations")
@RestController
class EvaluationController {

    record RatingRequest(@NotNull Evaluation.Level level, Map<Evaluation.Dimension, Evaluation.Level> dimensions,
            @Size(max = 1000) @Nullable String comment) {
    }

    /**
     * @param followUpDueOn         for a 差评: when the department must have contacted the rater (回访)
     * @param rectificationDeadline for a 差评: when it must have rectified and reported back
     */
    record RatingView(String evaluationId, Evaluation.Level level, String levelName, boolean poor, @Nullable String rectificationId,
            @Nullable LocalDate followUpDueOn, @Nullable LocalDate rectificationDeadline) {
    }

    record Statistics(String group, long total, Map<Evaluation.Level, Long> byLevel, long poor, BigDecimal goodRate) {
    }

    private final ApplicationDesk desk;
    private final MongoTemplate mongo;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final RectificationRules rules;

    EvaluationController(ApplicationDesk desk, MongoTemplate mongo, WorkingDayCalendar calendar, Clock clock, RectificationRules rules) {
        this.desk = desk;
        this.mongo = mongo;
        this.calendar = calendar;
        this.clock = clock;
        this.rules = rules;
    }

    /** Rates a completed application (好差评), once, by its applicant; the two lowest levels open a rectification. */
    @PostMapping("/api/v1/applications/{id}/evaluation")
    @PreAuthorize("hasAnyRole('CITIZEN', 'ENTERPRISE')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = { "already-rated", "application-not-completed" })
    RatingView rateApplication(@PathVariable String id, @Valid @RequestBody RatingRequest request, JwtAuthenticationToken token) {
        Application application = desk.get(id, ApplicationController.caller(token));
        Evaluation evaluation;
        try {
            evaluation = mongo.insert(Evaluation.rate(application, request.level(), request.dimensions(), request.comment(),
                    clock.instant()));
        } catch (DuplicateKeyException once) {
            throw new ConflictException("already-rated");
        }
        Rectification rectification = null;
        if (evaluation.level().poor()) {
            rectification = mongo.insert(rules.openFor(evaluation, LocalDate.now(clock), calendar));
        }
        return new RatingView(evaluation.id(), evaluation.level(), evaluation.level().label(), evaluation.level().poor(),
                rectification == null ? null : rectification.id(), rectification == null ? null : rectification.followUpDueOn(),
                rectification == null ? null : rectification.deadline());
    }

    /**
     * Ratings per {@code item} (code) or {@code department}: counts per level, 差评 count, and the share
     * rated basically satisfied or better; a rating voided on appeal (申诉成立) is left out.
     */
    @GetMapping("/api/v1/evaluations/statistics")
    ListView<Statistics> getEvaluationStatistics(@RequestParam(defaultValue = "item") @Pattern(regexp = "item|department", message = "{rule.by-item-or-department}") String by) {
        String field = by.equals("item") ? "itemCode" : "department";
        Map<String, Map<Evaluation.Level, Long>> groups = new LinkedHashMap<>();
        for (Document row : mongo.aggregate(Aggregation.newAggregation(
                Aggregation.match(Criteria.where("voidedBy").is(null)), Aggregation.group(field, "level").count().as("count")),
                Evaluation.class, Document.class).getMappedResults()) {
            Document id = (Document) row.get("_id");
            groups.computeIfAbsent(String.valueOf(id.get(field)), g -> new EnumMap<>(Evaluation.Level.class))
                    .put(Evaluation.Level.valueOf(String.valueOf(id.get("level"))), ((Number) row.get("count")).longValue());
        }
        return ListView.of(groups.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(g -> {
            long total = g.getValue().values().stream().mapToLong(Long::longValue).sum();
            long poor = g.getValue().entrySet().stream().filter(e -> e.getKey().poor()).mapToLong(Map.Entry::getValue).sum();
            BigDecimal good = total == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(total - poor).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
            return new Statistics(g.getKey(), total, g.getValue(), poor, good);
        }).toList());
    }
}

package cn.hongqiao.samecity.projects.warnings;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import cn.hongqiao.samecity.defaults.scheduling.Lease;
import cn.hongqiao.samecity.projects.dispatch.DispatchLedger;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.ProjectChanged;
import cn.hongqiao.samecity.projects.project.Warning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every project's stored warning current: at once when something it depends on changes
 * ({@link ProjectChanged}), and for all projects at start and every night, since a milestone can
 * pass without anything happening. The warning is written alone ({@code $set warning}), so it
 * never collides with a user's edit of the project.
 */
@Component
class WarningBoard {

    private static final Logger log = LoggerFactory.getLogger(WarningBoard.class);
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final DispatchLedger ledger;
    private final WarningPolicy policy;
    private final Clock clock;
    private final Lease lease;

    WarningBoard(MongoTemplate mongo, DispatchLedger ledger, WarningPolicy policy, Clock clock, Lease lease) {
        this.lease = lease;
        this.mongo = mongo;
        this.ledger = ledger;
        this.policy = policy;
        this.clock = clock;
    }

    @EventListener
    void on(ProjectChanged changed) {
        Project project = mongo.findById(changed.projectId(), Project.class);
        if (project != null) {
            evaluate(project, LocalDate.now(clock));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        lease.runExclusively("nightly-warnings", Duration.ofHours(1), this::evaluateAll);
    }

    @Scheduled(cron = "${projects.warnings.schedule:0 30 1 * * *}", zone = "${platform.clock.zone:Asia/Shanghai}")
    void nightly() {
        // on one replica of the Deployment only (the lease in the service's database)
        lease.runExclusively("nightly-warnings", Duration.ofHours(1), this::evaluateAll);
    }

    /** Re-evaluates every project, in batches by id; returns how many were evaluated. */
    int evaluateAll() {
        LocalDate asOf = LocalDate.now(clock);
        int count = 0;
        String after = null;
        while (true) {
            Query batch = new Query().with(Sort.by("_id")).limit(BATCH);
            if (after != null) {
                batch.addCriteria(Criteria.where("_id").gt(new org.bson.types.ObjectId(after)));
            }
            var projects = mongo.find(batch, Project.class);
            for (Project project : projects) {
                evaluate(project, asOf);
            }
            count += projects.size();
            if (projects.size() < BATCH) {
                break;
            }
            after = projects.get(projects.size() - 1).id();
        }
        log.info("Delay warnings evaluated for {} projects as of {}", count, asOf);
        return count;
    }

    Warning evaluate(Project project, LocalDate asOf) {
        Warning warning = policy.evaluate(project, ledger.progress(project.id(), WarningPolicy.throughMonth(asOf)), asOf);
        // by collection name, so the project's version (its ETag for revisions) is not bumped by a derived field
        mongo.updateFirst(Query.query(Criteria.where("_id").is(new org.bson.types.ObjectId(project.id()))),
                Update.update("warning", mongo.getConverter().convertToMongoType(warning)), mongo.getCollectionName(Project.class));
        return warning;
    }
}

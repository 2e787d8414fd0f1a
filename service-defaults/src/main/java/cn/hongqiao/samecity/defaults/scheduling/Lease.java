package cn.hongqiao.samecity.defaults.scheduling;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A job that one replica at a time runs, across a Deployment's replicas: an atomic lease in the
 * service's own database (collection {@code leases}, one document per job), taken with one
 * {@code findAndModify} that matches only when the lease is free or expired (ShedLock's algorithm,
 * without its Spring 7 artifacts, which Maven Central does not serve for MongoDB). The lease
 * expires by itself {@code atMost} after it was taken, so a replica that dies holding it blocks
 * the job for at most that long; one that finishes frees it at once. Single-document atomicity
 * only: no transactions.
 */
public final class Lease {

    static final String COLLECTION = "leases";
    private static final Logger log = LoggerFactory.getLogger(Lease.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String holder;

    public Lease(MongoTemplate mongo, Clock clock) {
        this(mongo, clock, ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
    }

    Lease(MongoTemplate mongo, Clock clock, String holder) {
        this.mongo = mongo;
        this.clock = clock;
        this.holder = holder;
    }

    /** Who this process is when it holds a lease (pid@host and a per-context id). */
    public String holder() {
        return holder;
    }

    /**
     * Runs {@code job} if this process gets the lease {@code name} (held for at most {@code atMost});
     * returns whether it ran. Another replica holding it is not an error: the job is its to run now.
     */
    public boolean runExclusively(String name, Duration atMost, Runnable job) {
        if (!acquire(name, atMost)) {
            return false;
        }
        try {
            job.run();
            return true;
        } finally {
            release(name);
        }
    }

    boolean acquire(String name, Duration atMost) {
        Instant now = clock.instant();
        Query free = Query.query(Criteria.where("_id").is(name).and("until").lte(now));
        Update take = new Update().set("holder", holder).set("until", now.plus(atMost)).set("takenAt", now);
        try {
            Document taken = mongo.findAndModify(free, take, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class, COLLECTION);
            return taken != null && holder.equals(taken.getString("holder"));
        } catch (DuplicateKeyException heldElsewhere) {
            // the lease exists and is held: the upsert tried to insert a second document with its _id
            log.debug("Lease {} is held by another replica", name);
            return false;
        }
    }

    void release(String name) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(name).and("holder").is(holder)),
                Update.update("until", clock.instant()), COLLECTION);
    }
}

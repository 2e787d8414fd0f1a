package cn.hongqiao.samecity.defaults.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The service's audit trail, append-only, in its own database: a record is numbered after the last
 * one and chained to its hash, inserted under a unique sequence (two writers racing for a number:
 * the loser takes the next), and written as one structured log line too ({@code event.category:
 * audit}) for central collection. Nothing changes a record; the only removal is the retention's
 * {@link #purge}, which cuts the oldest records at a checkpoint and records that it did. {@link #verify}
 * walks the chain from the newest checkpoint and names the first place it is broken.
 */
public final class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger("audit");
    private static final int BATCH = 1000;

    /**
     * What a verification found.
     *
     * @param from      the first sequence it checked: 1, or the one after the newest checkpoint
     * @param checked   how many records it checked
     * @param head      the last record's sequence (compare with the log's: a removed tail is only seen there)
     * @param headHash  the last record's hash
     * @param brokenAt  the first broken link, if any
     * @param reason    what is wrong there: missing (deleted), out of the chain, altered
     */
    public record Verification(long from, long checked, @Nullable Long head, @Nullable String headHash, @Nullable Long brokenAt,
            @Nullable String reason) {
        public boolean intact() {
            return brokenAt == null;
        }
    }

    /** What to look for: each given field must match (outcome and time range included); none given is every record. */
    public record Filter(@Nullable String subject, @Nullable String resourceType, @Nullable String resourceId, @Nullable String method,
            @Nullable String action, AuditRecord.@Nullable Outcome outcome, @Nullable Instant from, @Nullable Instant to) {

        Criteria criteria() {
            List<Criteria> all = new ArrayList<>();
            if (subject != null) {
                all.add(Criteria.where("subject").is(subject));
            }
            if (resourceType != null) {
                all.add(Criteria.where("resourceType").is(resourceType));
            }
            if (resourceId != null) {
                all.add(Criteria.where("resourceId").is(resourceId));
            }
            if (method != null) {
                all.add(Criteria.where("method").is(method));
            }
            if (action != null) {
                all.add(Criteria.where("action").is(action));
            }
            if (outcome != null) {
                all.add(Criteria.where("outcome").is(outcome));
            }
            if (from != null) {
                all.add(Criteria.where("at").gte(from));
            }
            if (to != null) {
                all.add(Criteria.where("at").lt(to));
            }
            return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
        }
    }

    /** Records newest first, and whether older ones match too (ask again with {@code before} the last sequence). */
    public record Slice(List<AuditRecord> records, boolean more) {
    }

    private final MongoTemplate mongo;
    private final AuditDigest digest;
    private final String service;
    /** Records written, by outcome. */
    private final java.util.@Nullable EnumMap<AuditRecord.Outcome, Counter> counters;
    /** The last record this process appended or read as the head (guarded by this). */
    private @Nullable AuditRecord head;
    /** How long a recorded request waits at most before its record is written. */
    public static final java.time.Duration WRITE_BEHIND = java.time.Duration.ofMillis(50);
    private final java.util.concurrent.BlockingQueue<AuditRecord> pending = new java.util.concurrent.LinkedBlockingQueue<>(10_000);
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    private volatile @Nullable Thread writer;

    public AuditTrail(MongoTemplate mongo, AuditDigest digest, String service, @Nullable MeterRegistry meters) {
        this.mongo = mongo;
        this.digest = digest;
        this.service = service;
        if (meters == null) {
            this.counters = null;
        } else {
            this.counters = new java.util.EnumMap<>(AuditRecord.Outcome.class);
            for (AuditRecord.Outcome outcome : AuditRecord.Outcome.values()) {
                counters.put(outcome, Counter.builder("audit.records").description("Audit records written, by outcome")
                        .tag("outcome", outcome.name().toLowerCase()).register(meters));
            }
        }
    }

    public AuditTrail(MongoTemplate mongo) {
        this(mongo, AuditDigest.SHA_256, "service", null);
    }

    /**
     * Appends {@code entry} now (its sequence and hashes are set here) and logs it; returns it as
     * stored. For the requests' records see {@link #record}, which writes them in batches.
     */
    public AuditRecord append(AuditRecord entry) {
        return appendAll(List.of(entry)).get(0);
    }

    /**
     * Appends {@code entries} in their order, as one insert: each chained after the one before it,
     * the first after the head this process remembers (the last record it appended or read), so
     * that an append costs no read. The unique sequence refuses a batch when another replica
     * appended meanwhile: what went in before the refusal stays, the head is read again from the
     * database (records never change, so a record without a successor is the head), and the rest
     * is chained anew. Appends of one process take turns, which keeps them from refusing each other.
     */
    public synchronized List<AuditRecord> appendAll(List<AuditRecord> entries) {
        List<AuditRecord> stored = new ArrayList<>(entries.size());
        List<AuditRecord> left = entries;
        for (int attempt = 1; !left.isEmpty(); attempt++) {
            AuditRecord last = head != null ? head
                    : mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "sequence")).limit(1), AuditRecord.class);
            List<AuditRecord> chained = new ArrayList<>(left.size());
            List<org.bson.Document> documents = new ArrayList<>(left.size());
            for (AuditRecord entry : left) {
                AuditRecord next = last == null ? entry.chainedAfter(1, AuditRecord.GENESIS, digest)
                        : entry.chainedAfter(last.sequence() + 1, last.hash(), digest);
                chained.add(next);
                documents.add(documentOf(next));
                last = next;
            }
            int inserted;
            try {
                mongo.getCollection(AuditRecord.COLLECTION).insertMany(documents);
                inserted = chained.size();
            } catch (com.mongodb.MongoBulkWriteException refused) {
                var error = refused.getWriteErrors().isEmpty() ? null : refused.getWriteErrors().get(0);
                if (error == null || error.getCode() != 11000 || attempt == 20) {
                    throw refused;
                }
                inserted = error.getIndex(); // the ones before it went in; another replica took the next number
            }
            for (AuditRecord record : chained.subList(0, inserted)) {
                written(record);
                stored.add(record);
            }
            head = inserted == chained.size() ? chained.get(chained.size() - 1) : null;
            left = left.subList(inserted, left.size());
        }
        return stored;
    }

    /**
     * A record as stored: the fields Spring Data's mapping writes (a null one left out, the time as
     * a date, the outcome by name), without its type hint, which no read needs. Built by hand: the
     * writer stores one for every audited request, and the mapping's reflection was a seventh of its time.
     * Here and not on the record, which the gateway reads from the services without a MongoDB driver.
     */
    static org.bson.Document documentOf(AuditRecord r) {
        org.bson.Document document = new org.bson.Document();
        putPresent(document, "_id", r.id() == null ? null : new org.bson.types.ObjectId(r.id()));
        document.put("sequence", r.sequence());
        document.put("at", java.util.Date.from(r.at()));
        putPresent(document, "subject", r.subject());
        document.put("roles", new java.util.ArrayList<>(r.roles()));
        putPresent(document, "department", r.department());
        putPresent(document, "enterpriseId", r.enterpriseId());
        putPresent(document, "clientId", r.clientId());
        putPresent(document, "clientAddress", r.clientAddress());
        document.put("service", r.service());
        document.put("method", r.method());
        document.put("path", r.path());
        putPresent(document, "resourceType", r.resourceType());
        putPresent(document, "resourceId", r.resourceId());
        document.put("action", r.action());
        document.put("status", r.status());
        document.put("outcome", r.outcome().name());
        putPresent(document, "traceId", r.traceId());
        putPresent(document, "digest", r.digest());
        document.put("previousHash", r.previousHash());
        document.put("hash", r.hash());
        return document;
    }

    private static void putPresent(org.bson.Document document, String key, @Nullable Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }


    private void written(AuditRecord stored) {
        log.atInfo().addKeyValue("event.category", "audit").addKeyValue("event.outcome", stored.outcome().name().toLowerCase())
                .addKeyValue("audit.sequence", stored.sequence()).addKeyValue("user.id", stored.subject())
                .addKeyValue("user.roles", String.join(",", stored.roles())).addKeyValue("client.address", stored.clientAddress())
                .addKeyValue("http.request.method", stored.method()).addKeyValue("url.path", stored.path())
                .addKeyValue("http.response.status_code", stored.status()).addKeyValue("audit.hash", stored.hash())
                .log("audit record {}", stored.sequence());
        if (counters != null) {
            counters.get(stored.outcome()).increment();
        }
    }

    /**
     * Records {@code entry} without keeping the request waiting: a writer thread appends what came
     * in, in batches, within {@link #WRITE_BEHIND} (a full queue makes requests wait instead of
     * losing records; a failed write is tried again). Searches and verifications of this process
     * see everything recorded before them ({@link #flush}); closing writes what is left.
     */
    public void record(AuditRecord entry) {
        startWriter();
        try {
            queued.incrementAndGet();
            pending.put(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            append(entry);
            written.incrementAndGet();
        }
    }

    /** Waits (at most 10 s) until everything recorded so far is in the trail. */
    public void flush() {
        long target = queued.get();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (written.get() < target && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    /** Writes what is left and stops the writer (Spring calls it when the context closes). */
    public void close() {
        flush();
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
    }

    private synchronized void startWriter() {
        if (writer != null) {
            return;
        }
        writer = new Thread(() -> {
            List<AuditRecord> batch = new ArrayList<>();
            while (!Thread.currentThread().isInterrupted() || !pending.isEmpty()) {
                try {
                    if (batch.isEmpty()) {
                        AuditRecord first = pending.poll(WRITE_BEHIND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                        pending.drainTo(batch, BATCH - 1);
                    }
                    appendAll(batch);
                    written.addAndGet(batch.size());
                    batch.clear();
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.atError().addKeyValue("event.category", "audit").addKeyValue("event.outcome", "failure")
                            .log("{} audit records not written yet, trying again: {}", batch.size(), e.toString());
                    java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
                }
            }
        }, "audit-writer-" + service);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Forget the head this process remembers, so that the next append reads it from the database:
     * for a test that emptied the trail itself (in production nothing removes a record but the purge,
     * which keeps the newest; a trail emptied behind the service's back is what the verification finds).
     */
    public synchronized void forgetHead() {
        head = null;
    }

    /** Up to {@code size} records matching {@code filter}, newest first, older than sequence {@code before} when given. */
    public Slice search(Filter filter, @Nullable Long before, int size) {
        flush();
        Criteria criteria = filter.criteria();
        Query query = new Query(before == null ? criteria : new Criteria().andOperator(criteria, Criteria.where("sequence").lt(before)))
                .with(Sort.by(Sort.Direction.DESC, "sequence")).limit(size + 1);
        List<AuditRecord> found = mongo.find(query, AuditRecord.class);
        return new Slice(found.size() > size ? found.subList(0, size) : found, found.size() > size);
    }

    /** The newest checkpoint, if the trail was ever purged. */
    public Optional<AuditCheckpoint> checkpoint() {
        return Optional.ofNullable(mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "sequence")).limit(1), AuditCheckpoint.class));
    }

    /**
     * Walks the chain in order, in batches, from the newest checkpoint (or the first record): the
     * first record missing, out of its place, or not matching its hash.
     */
    public Verification verify() {
        flush();
        Optional<AuditCheckpoint> checkpoint = checkpoint();
        String previous = checkpoint.map(AuditCheckpoint::hash).orElse(AuditRecord.GENESIS);
        long from = checkpoint.map(c -> c.sequence() + 1).orElse(1L);
        long expected = from;
        long checked = 0;
        // one query, read as it streams (the embedded server sorts once; a real MongoDB walks the sequence index)
        try (var records = mongo.stream(Query.query(Criteria.where("sequence").gte(from)).with(Sort.by("sequence")).cursorBatchSize(BATCH),
                AuditRecord.class)) {
            var walk = records.iterator();
            while (walk.hasNext()) {
                AuditRecord r = walk.next();
                if (r.sequence() != expected) {
                    return broken(from, checked, expected, "record " + expected + " is missing (deleted)");
                }
                if (!r.previousHash().equals(previous)) {
                    return broken(from, checked, expected, "record " + expected + " does not follow record " + (expected - 1));
                }
                if (!r.computedHash().equals(r.hash())) {
                    return broken(from, checked, expected, "record " + expected + " was altered");
                }
                previous = r.hash();
                expected++;
                checked++;
            }
        }
        return new Verification(from, checked, checked == 0 ? null : expected - 1, checked == 0 ? null : previous, null, null);
    }

    private static Verification broken(long from, long checked, long at, String reason) {
        return new Verification(from, checked, null, null, at, reason);
    }

    /**
     * Removes the records older than {@code cutoff} (the oldest ones, up to the first that is not),
     * after recording a checkpoint at the last one removed and a record of the purge itself; the
     * newest record is never removed, so the chain always goes on from a record or a checkpoint.
     * Returns the checkpoint, or nothing when no record is old enough.
     */
    public Optional<AuditCheckpoint> purge(Instant cutoff, Instant now) {
        // what an interrupted purge left behind its checkpoint
        checkpoint().ifPresent(c -> mongo.remove(Query.query(Criteria.where("sequence").lte(c.sequence())), AuditRecord.class));
        AuditRecord firstKept = mongo.findOne(Query.query(Criteria.where("at").gte(cutoff)).with(Sort.by("sequence")).limit(1), AuditRecord.class);
        AuditRecord newest = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "sequence")).limit(1), AuditRecord.class);
        if (newest == null) {
            return Optional.empty();
        }
        long keepFrom = firstKept == null ? newest.sequence() : firstKept.sequence();
        long from = checkpoint().map(c -> c.sequence() + 1).orElse(1L);
        AuditRecord last = mongo.findOne(Query.query(Criteria.where("sequence").is(keepFrom - 1)), AuditRecord.class);
        if (last == null || last.sequence() < from) {
            return Optional.empty();
        }
        long purged = last.sequence() - from + 1;
        append(AuditRecord.of(now, "system", List.of(), null, null, null, null, service, "DELETE", "/" + AuditRecord.COLLECTION,
                AuditRecord.COLLECTION, String.valueOf(last.sequence()), "PURGE " + AuditRecord.COLLECTION + " before " + cutoff, 200, null));
        AuditCheckpoint checkpoint = mongo.insert(new AuditCheckpoint(null, last.sequence(), last.hash(), last.at(), purged, now));
        mongo.remove(Query.query(Criteria.where("sequence").lte(last.sequence())), AuditRecord.class);
        log.atInfo().addKeyValue("event.category", "audit").addKeyValue("event.action", "purge").addKeyValue("audit.sequence", last.sequence())
                .log("Audit trail purged: {} records up to {} (older than {}); verified from the checkpoint on", purged, last.sequence(), cutoff);
        return Optional.of(checkpoint);
    }
}

package cn.hongqiao.samecity.defaults.audit;

import java.util.List;

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
 * audit}) for central collection. Nothing here changes or deletes a record; {@link #verify} walks the
 * chain and names the first place it is broken.
 */
public final class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger("audit");

    /** What a verification found: how many records it checked, and the first broken link, if any. */
    public record Verification(long checked, @Nullable Long brokenAt, @Nullable String reason) {
        public boolean intact() {
            return brokenAt == null;
        }
    }

    private final MongoTemplate mongo;

    public AuditTrail(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Appends {@code entry} (its sequence and hashes are set here) and logs it; returns it as stored. */
    public AuditRecord append(AuditRecord entry) {
        for (int attempt = 1; ; attempt++) {
            AuditRecord last = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "sequence")).limit(1), AuditRecord.class);
            AuditRecord chained = last == null ? entry.chainedAfter(1, AuditRecord.GENESIS) : entry.chainedAfter(last.sequence() + 1, last.hash());
            try {
                AuditRecord stored = mongo.insert(chained);
                log.atInfo().addKeyValue("event.category", "audit").addKeyValue("event.outcome", stored.outcome().name().toLowerCase())
                        .addKeyValue("audit.sequence", stored.sequence()).addKeyValue("user.id", stored.subject())
                        .addKeyValue("user.roles", String.join(",", stored.roles())).addKeyValue("client.address", stored.clientAddress())
                        .addKeyValue("http.request.method", stored.method()).addKeyValue("url.path", stored.path())
                        .addKeyValue("http.response.status_code", stored.status()).addKeyValue("audit.hash", stored.hash())
                        .log("audit {} {} {} -> {} by {}", stored.sequence(), stored.method(), stored.path(), stored.status(), stored.subject());
                return stored;
            } catch (DuplicateKeyException raced) {
                if (attempt == 20) {
                    throw raced;
                }
            }
        }
    }

    /** Walks the whole chain in order, in batches: the first record missing, out of its place, or not matching its hash. */
    public Verification verify() {
        String previous = AuditRecord.GENESIS;
        long expected = 1;
        long checked = 0;
        while (true) {
            List<AuditRecord> batch = mongo.find(Query.query(Criteria.where("sequence").gte(expected)).with(Sort.by("sequence")).limit(1000),
                    AuditRecord.class);
            if (batch.isEmpty()) {
                return new Verification(checked, null, null);
            }
            for (AuditRecord r : batch) {
                if (r.sequence() != expected) {
                    return new Verification(checked, expected, "record " + expected + " is missing (deleted)");
                }
                if (!r.previousHash().equals(previous)) {
                    return new Verification(checked, expected, "record " + expected + " does not follow record " + (expected - 1));
                }
                if (!r.computedHash().equals(r.hash())) {
                    return new Verification(checked, expected, "record " + expected + " was altered");
                }
                previous = r.hash();
                expected++;
                checked++;
            }
        }
    }
}

package cn.hongqiao.samecity.defaults.personal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Re-seals, under the primary keys, every personal value still under an older one, in the
 * collections that hold personal data ({@code platform.personal-data.collections}). It works on the
 * stored documents as they are (any depth, lists included), changing nothing else: a document that
 * changed meanwhile (its {@code version}) is left to the next run, since its own save sealed it under
 * the primary keys already. Runs at start and nightly on one replica; {@link Result#left()} zero
 * means the old keys can be dropped from the keyset.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final int BATCH = 200;

    /**
     * @param examined documents read
     * @param resealed values re-sealed
     * @param raced    documents changed while being re-sealed (next run)
     * @param left     values still under an old key after this run
     */
    public record Result(long examined, long resealed, long raced, long left) {
    }

    private final MongoTemplate mongo;
    private final PersonalDataKeys keys;
    private final List<String> collections;
    private final AtomicLong left = new AtomicLong();

    public KeyRotation(MongoTemplate mongo, PersonalDataKeys keys, List<String> collections) {
        this.mongo = mongo;
        this.keys = keys;
        this.collections = List.copyOf(collections);
    }

    /** Values under an old key, as the last run left them. */
    public long left() {
        return left.get();
    }

    public Result run() {
        long examined = 0;
        long resealed = 0;
        long raced = 0;
        long old = 0;
        for (String collection : collections) {
            Object after = null;
            while (true) {
                Bson page = after == null ? new Document() : Filters.gt("_id", after);
                List<Document> batch = mongo.getCollection(collection).find(page).sort(Sorts.ascending("_id")).limit(BATCH).into(new ArrayList<>());
                if (batch.isEmpty()) {
                    break;
                }
                for (Document document : batch) {
                    examined++;
                    after = document.get("_id");
                    int[] changed = { 0 };
                    Object walked = reseal(document, changed);
                    if (changed[0] == 0) {
                        continue;
                    }
                    Bson same = document.containsKey("version") ? Filters.and(Filters.eq("_id", after), Filters.eq("version", document.get("version")))
                            : Filters.eq("_id", after);
                    if (mongo.getCollection(collection).replaceOne(same, (Document) walked).getModifiedCount() == 1) {
                        resealed += changed[0];
                    } else {
                        raced++;
                    }
                }
            }
            old += countOld(collection);
        }
        left.set(old);
        Result result = new Result(examined, resealed, raced, old);
        log.atInfo().addKeyValue("event.category", "configuration").addKeyValue("event.action", "personal-data-rotation")
                .log("Personal data under the primary keys (key {}, index key {}): {} values re-sealed in {} documents, {} changed meanwhile, {} left under old keys",
                        keys.primaryKeyId(), keys.primaryIndexKeyId(), resealed, examined, raced, old);
        return result;
    }

    private long countOld(String collection) {
        long[] count = { 0 };
        mongo.getCollection(collection).find().forEach(d -> count(d, count));
        return count[0];
    }

    private void count(Object node, long[] count) {
        Sealed sealed = Sealed.of(node);
        if (sealed != null) {
            if (!keys.current(sealed)) {
                count[0]++;
            }
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> count(v, count));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> count(v, count));
        }
    }

    /** The node with each sealed value not under the primary keys sealed again ({@code changed[0]} counts them). */
    private Object reseal(Object node, int[] changed) {
        Sealed sealed = Sealed.of(node);
        if (sealed != null) {
            if (keys.current(sealed)) {
                return node;
            }
            changed[0]++;
            return keys.seal(keys.open(sealed), sealed.index() != null).toDocument();
        }
        if (node instanceof Document document) {
            Document copy = new Document();
            document.forEach((key, value) -> copy.append(key, reseal(value, changed)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(reseal(v, changed)));
            return copy;
        }
        return node;
    }
}

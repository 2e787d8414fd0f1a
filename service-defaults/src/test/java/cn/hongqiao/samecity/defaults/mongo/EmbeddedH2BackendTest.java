package cn.hongqiao.samecity.defaults.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server's unique indexes, their keys serialised once: the same files as
 * mongo-java-server's own H2 backend, both ways, and the same answers through the real driver.
 */
class EmbeddedH2BackendTest {

    @TempDir
    Path folder;

    @Test
    void readsTheIndexesTheLibrarysOwnBackendWroteAndWritesOnesItReads() {
        Path file = folder.resolve("trail.mv.db");
        List<Long> shuffled = new ArrayList<>(LongStream.rangeClosed(1, 300).boxed().toList());
        Collections.shuffle(shuffled, new Random(7));
        using(new H2Backend(MVStore.open(file.toString())), trail -> {
            trail.createIndex(Indexes.ascending("sequence"), new IndexOptions().unique(true).name("sequence"));
            trail.createIndex(Indexes.ascending("resourceType", "resourceId"), new IndexOptions().unique(true).name("resource"));
            shuffled.forEach(n -> trail.insertOne(record(n)));
        });

        using(new EmbeddedH2Backend(MVStore.open(file.toString())), trail -> {
            assertThat(trail.find(Filters.eq("sequence", 177L)).first()).containsEntry("resourceId", "A-177");
            assertThat(trail.find(Filters.and(Filters.eq("resourceType", "applications"), Filters.eq("resourceId", "A-42"))).first())
                    .containsEntry("sequence", 42L);
            assertThatThrownBy(() -> trail.insertOne(record(42L))).isInstanceOf(MongoWriteException.class)
                    .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
            assertThat(trail.find(Filters.gte("sequence", 291L)).sort(Sorts.ascending("sequence")).map(d -> d.getLong("sequence")).into(new ArrayList<>()))
                    .containsExactly(291L, 292L, 293L, 294L, 295L, 296L, 297L, 298L, 299L, 300L);
            LongStream.rangeClosed(301, 400).forEach(n -> trail.insertOne(record(n)));
            trail.deleteOne(Filters.eq("sequence", 5L));
            trail.insertOne(record(5L)); // its key was removed with it
            assertThat(trail.countDocuments()).isEqualTo(400);
        });

        using(new H2Backend(MVStore.open(file.toString())), trail -> {
            assertThat(trail.find(Filters.eq("sequence", 350L)).first()).containsEntry("resourceId", "A-350");
            assertThatThrownBy(() -> trail.insertOne(record(350L))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> trail.insertOne(record(5L))).isInstanceOf(MongoWriteException.class);
            trail.insertOne(record(401L));
            assertThat(trail.countDocuments()).isEqualTo(401);
        });
    }

    @Test
    void inMemoryItRefusesADuplicateAndFindsByEveryUniqueIndex() {
        using(new EmbeddedH2Backend(MVStore.open(null)), trail -> {
            trail.createIndex(Indexes.ascending("sequence"), new IndexOptions().unique(true));
            trail.insertMany(LongStream.rangeClosed(1, 50).mapToObj(EmbeddedH2BackendTest::record).toList());
            assertThatThrownBy(() -> trail.insertOne(record(50L))).isInstanceOf(MongoWriteException.class);
            Document found = trail.find(Filters.eq("sequence", 25L)).first();
            assertThat(trail.find(Filters.eq("_id", found.get("_id"))).first()).containsEntry("resourceId", "A-25");
        });
    }

    private static Document record(long sequence) {
        return new Document("sequence", sequence).append("resourceType", "applications").append("resourceId", "A-" + sequence);
    }

    private static void using(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.accept(client.getDatabase("services").getCollection("auditRecords"));
        } finally {
            server.shutdown();
        }
    }
}

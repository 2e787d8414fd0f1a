package cn.hongqiao.samecity.defaults;

import java.math.BigDecimal;
import java.util.List;

import cn.hongqiao.samecity.defaults.seed.SeedLoader;
import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeds load by natural key, change nothing when loaded again, and refuse bad files whole. */
@SpringBootTest(classes = DefaultsTestApplication.class, properties = {
        "platform.mongodb.embedded=true", "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "spring.application.name=seed-test" })
class SeedLoaderTest {

    @Autowired
    SeedLoader loader;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), "widgets");
    }

    @Test
    void loadsEveryRecordOnceAndASecondRunChangesNothing() {
        List<SeedLoader.FileReport> first = loader.load("classpath*:seeds/widgets/*.json");
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.records()).isEqualTo(2);
            assertThat(r.inserted()).isEqualTo(2);
        });
        Document w1 = mongo.findOne(Query.query(Criteria.where("code").is("W-1")), Document.class, "widgets");
        assertThat(w1.get("price")).isEqualTo(new Decimal128(new BigDecimal("12.50")));
        assertThat(w1.get("version")).isEqualTo(0L);

        List<SeedLoader.FileReport> second = loader.load("classpath*:seeds/widgets/*.json");
        assertThat(second).singleElement().satisfies(r -> {
            assertThat(r.inserted()).isZero();
            assertThat(r.present()).isEqualTo(2);
        });
        assertThat(mongo.count(new Query(), "widgets")).isEqualTo(2);
    }

    @Test
    void recordsChangedSinceAreLeftAsTheyAre() {
        loader.load("classpath*:seeds/widgets/*.json");
        mongo.updateFirst(Query.query(Criteria.where("code").is("W-1")), Update.update("name", "renamed").inc("version", 1), "widgets");
        loader.load("classpath*:seeds/widgets/*.json");
        Document w1 = mongo.findOne(Query.query(Criteria.where("code").is("W-1")), Document.class, "widgets");
        assertThat(w1.getString("name")).isEqualTo("renamed");
    }

    @Test
    void anInvalidRecordRefusesTheWholeFileAndWritesNothing() {
        assertThatThrownBy(() -> loader.load("classpath*:bad-seeds/*.json"))
                .hasMessageContaining("10-bad.json").hasMessageContaining("record #1").hasMessageContaining("name");
        assertThat(mongo.count(new Query(), "widgets")).isZero();
    }
}

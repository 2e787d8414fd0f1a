package cn.hongqiao.samecity.defaults.personal;

import java.util.List;

import cn.hongqiao.samecity.defaults.PlatformMisconfiguredException;
import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import cn.hongqiao.samecity.defaults.testapp.Resident;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sensitive personal data at rest: sealed field by field (the rest of the record as it was), opened
 * when read, found by its blind index; re-sealed under new keys by the rotation, after which the
 * old keys can be dropped; and a service that keeps such data does not start without keys.
 */
@SpringBootTest(classes = DefaultsTestApplication.class, properties = {
        "platform.mongodb.embedded=true", "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.personal-data.collections=residents", "platform.personal-data.keyset-file=target/test-keys/personal-data-defaults.json",
        "platform.personal-data.create-keyset=true" })
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataTest {

    static final String ID_NUMBER = "12010619900101123X";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    PersonalDataKeys keys;

    @BeforeEach
    void empty() {
        mongo.remove(new Query(), Resident.class);
    }

    private Resident resident(String name, String idNumber, String phone) {
        return mongo.insert(new Resident(null, name, idNumber, List.of(new Resident.Contact("mobile", phone)), null));
    }

    private List<Document> stored() {
        return mongo.getCollection("residents").find().into(new java.util.ArrayList<>());
    }

    @Test
    void theValuesAreSealedAtRestOpenedWhenReadAndNeverInTheLog(CapturedOutput output) {
        Resident saved = resident("张三", ID_NUMBER, "13800138000");

        Document raw = stored().get(0);
        assertThat(raw.toJson()).doesNotContain(ID_NUMBER).doesNotContain("19900101").doesNotContain("13800138000").contains("张三");
        assertThat(Sealed.of(raw.get("idNumber"))).isNotNull().satisfies(s -> {
            assertThat(s.keyId()).isEqualTo(keys.primaryKeyId());
            assertThat(s.index()).as("searchable").isNotNull();
        });
        assertThat(Sealed.of(raw.getList("contacts", Document.class).get(0).get("phone"))).isNotNull()
                .satisfies(s -> assertThat(s.index()).as("not searchable: no index to compare").isNull());

        Resident read = mongo.findById(saved.id(), Resident.class);
        assertThat(read.idNumber()).isEqualTo(ID_NUMBER);
        assertThat(read.contacts().get(0).phone()).isEqualTo("13800138000");
        assertThat(output.getAll()).doesNotContain(ID_NUMBER).doesNotContain("13800138000");
    }

    @Test
    void aLookUpMatchesTheBlindIndexWhateverTheCaseAndTwoSealsOfOneValueDiffer() {
        resident("张三", ID_NUMBER, "13800138000");
        resident("李四", "120106198512125678", "13900139000");
        resident("张三", ID_NUMBER, "13800138001");

        List<Resident> found = mongo.find(Query.query(Criteria.where("idNumber.i").in(keys.indexesOf(" 12010619900101123x "))), Resident.class);
        assertThat(found).hasSize(2).allSatisfy(r -> assertThat(r.idNumber()).isEqualTo(ID_NUMBER));
        List<Document> raw = stored();
        assertThat(Sealed.of(raw.get(0).get("idNumber")).ciphertext()).as("a fresh nonce each time")
                .isNotEqualTo(Sealed.of(raw.get(2).get("idNumber")).ciphertext());
    }

    @Test
    void rotationResealsEveryValueUnderTheNewKeysAfterWhichTheOldKeysCanBeDropped() {
        for (int i = 0; i < 5; i++) {
            resident("居民" + i, "1201061990010100" + (10 + i), "1380013800" + i);
        }
        PersonalDataKeys rotated = keys.rotated();
        assertThat(rotated.primaryKeyId()).isNotEqualTo(keys.primaryKeyId());

        KeyRotation rotation = new KeyRotation(mongo, rotated, List.of("residents"));
        KeyRotation.Result result = rotation.run();
        assertThat(result.resealed()).as("5 ID numbers and 5 phones").isEqualTo(10);
        assertThat(result.left()).isZero();
        assertThat(rotation.run().resealed()).as("nothing left to do").isZero();

        PersonalDataKeys newOnly = rotated.withoutOldKeys();
        for (Document d : stored()) {
            Sealed id = Sealed.of(d.get("idNumber"));
            assertThat(id.keyId()).isEqualTo(newOnly.primaryKeyId());
            assertThat(newOnly.open(id)).startsWith("1201061990010100");
            assertThatThrownBy(() -> keys.open(id)).as("the old keys alone no longer open it").isInstanceOf(IllegalStateException.class);
            assertThat(d.get("version")).as("not a change of the record: its version stays").isEqualTo(0L);
        }
        assertThat(mongo.getCollection("residents").countDocuments(new Document("idNumber.i", new Document("$in", newOnly.indexesOf("120106199001010012")))))
                .as("found under the new index key").isEqualTo(1);
        assertThat(PersonalDataKeys.parse(newOnly.toJson()).primaryKeyId()).isEqualTo(newOnly.primaryKeyId());
    }

    @Test
    void fingerprintsAreKeyedAndStillMatchAfterARotation() {
        byte[] request = ("{\"idNumber\": \"" + ID_NUMBER + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String fingerprint = keys.fingerprint(request);
        assertThat(fingerprint).doesNotContain(java.util.HexFormat.of().formatHex(sha256(request)));
        assertThat(keys.rotated().fingerprintMatches(fingerprint, request)).isTrue();
        assertThat(keys.fingerprintMatches(fingerprint, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
        assertThat(PersonalDataKeys.generate().fingerprintMatches(fingerprint, request)).as("another service's keys").isFalse();
    }

    @Test
    void aServiceThatKeepsPersonalDataDoesNotStartWithoutKeys() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PersonalDataAutoConfiguration.class))
                .withPropertyValues("platform.personal-data.collections=applications")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(PlatformMisconfiguredException.class).hasMessageContaining("no personal-data keys are configured"));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

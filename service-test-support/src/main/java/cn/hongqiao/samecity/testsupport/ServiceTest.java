package cn.hongqiao.samecity.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * A service under test as it runs: its whole application context, MongoDB through the real
 * driver against the embedded wire server (in memory, one per context), security on, and tokens
 * signed by a key the test owns ({@link TestTokens}). Requests go through MockMvc, and every
 * answer must keep the service's checked-in API document ({@link DocumentedAnswers}).
 *
 * <p>With {@code -Dplatform.test.mongodb=real} the same tests run against a real MongoDB 8 in
 * Docker ({@link RealMongo}); without Docker they are skipped, saying why.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = {
        "platform.mongodb.embedded=true",
        "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true",
        "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.personal-data.keyset-file=target/test-keys/personal-data.json",
        "platform.personal-data.create-keyset=true",
        "platform.seeds.enabled=false" })
@AutoConfigureMockMvc
@Import({ TestTokens.class, DocumentedAnswers.class })
@ExtendWith(RealMongo.DockerCondition.class)
public @interface ServiceTest {
}

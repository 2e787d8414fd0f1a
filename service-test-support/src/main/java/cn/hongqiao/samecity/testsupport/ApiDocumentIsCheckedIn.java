package cn.hongqiao.samecity.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The service's OpenAPI document as the code produces it must equal the one checked in at
 * {@code docs/openapi/<service>.json}, so every API change shows in review. After an intended
 * change, regenerate: {@code ./mvnw verify -Ddocs.update=true} (writes the files; commit them).
 * A service's test extends this class and adds nothing.
 */
@ServiceTest
public abstract class ApiDocumentIsCheckedIn {

    static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    @Autowired
    MockMvcTester mvc;
    @Autowired
    Environment env;

    @Test
    void theCheckedInApiDocumentMatchesTheCode() throws Exception {
        byte[] served = mvc.get().uri("/v3/api-docs").exchange().getResponse().getContentAsByteArray();
        JsonNode document = CANONICAL.readTree(served);
        String actual = CANONICAL.writeValueAsString(document) + "\n";
        CheckedInDocument.assertMatches(
                Path.of("..", "docs", "openapi", env.getRequiredProperty("spring.application.name") + ".json"), actual);
    }
}

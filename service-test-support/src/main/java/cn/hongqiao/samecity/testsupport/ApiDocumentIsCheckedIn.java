package cn.hongqiao.samecity.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's OpenAPI document as the code produces it must equal the one checked in at
 * {@code docs/openapi/<service>.json}, so every API change shows in review. After an intended
 * change, regenerate: {@code ./mvnw verify -Dopenapi.update=true} (writes the files; commit them).
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
        Path file = Path.of("..", "docs", "openapi", env.getRequiredProperty("spring.application.name") + ".json");
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("checked-in API document; create it with ./mvnw verify -Dopenapi.update=true").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s differs from the API the code serves; if the change is intended, run "
                        + "./mvnw verify -Dopenapi.update=true and commit the file", file)
                .isEqualTo(actual);
    }
}

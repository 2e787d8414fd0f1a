package cn.hongqiao.samecity.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document made from the code and checked in under {@code docs/} (API documents, problem
 * catalogues): it must equal what the code makes now, so every change shows in review. After an
 * intended change {@code ./mvnw verify -Ddocs.update=true} rewrites the files; commit them.
 */
public final class CheckedInDocument {

    private CheckedInDocument() {
    }

    public static void assertMatches(Path file, String made) throws IOException {
        if (Boolean.getBoolean("docs.update") || Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, made, StandardCharsets.UTF_8);
        }
        assertThat(file).as("checked-in %s; create it with ./mvnw verify -Ddocs.update=true", file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s differs from what the code makes; if the change is intended, run "
                        + "./mvnw verify -Ddocs.update=true and commit the file", file)
                .isEqualTo(made);
    }
}

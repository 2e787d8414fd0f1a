package cn.hongqiao.samecity.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        String checkedIn = Files.readString(file, StandardCharsets.UTF_8);
        if (!checkedIn.equals(made)) {
            throw new AssertionError(file + " differs from what the code makes; if the change is intended, run "
                    + "./mvnw verify -Ddocs.update=true and commit the file. First differences (- checked in, + made):\n"
                    + differences(checkedIn, made));
        }
    }

    /** The first few differing lines with two lines of context, so a failure in CI says where. */
    static String differences(String checkedIn, String made) {
        List<String> before = checkedIn.lines().toList();
        List<String> after = made.lines().toList();
        int start = 0;
        while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
            start++;
        }
        int endBefore = before.size();
        int endAfter = after.size();
        while (endBefore > start && endAfter > start && before.get(endBefore - 1).equals(after.get(endAfter - 1))) {
            endBefore--;
            endAfter--;
        }
        StringBuilder out = new StringBuilder("@@ line " + (start + 1) + "\n");
        for (int i = Math.max(0, start - 2); i < start; i++) {
            out.append("  ").append(before.get(i)).append('\n');
        }
        int shown = 12;
        before.subList(start, Math.min(endBefore, start + shown)).forEach(l -> out.append("- ").append(l).append('\n'));
        after.subList(start, Math.min(endAfter, start + shown)).forEach(l -> out.append("+ ").append(l).append('\n'));
        if (endBefore - start > shown || endAfter - start > shown) {
            out.append("  ... (").append(endBefore - start).append(" lines checked in, ").append(endAfter - start).append(" made, differ)\n");
        }
        return out.toString();
    }
}

package cn.hongqiao.samecity.testsupport;

import java.nio.file.Path;

import cn.hongqiao.samecity.defaults.problem.ProblemCatalogue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own problem codes ({@code problems.properties}, {@code problems_en.properties}) are
 * complete in both languages and their catalogue {@code docs/problems/<module>.md} is checked in.
 * A service's test extends this class and adds nothing.
 */
public abstract class ProblemCatalogueIsCheckedIn {

    @Test
    void everyProblemIsWordedInBothLanguagesAndCatalogued() throws Exception {
        String module = Path.of("").toAbsolutePath().getFileName().toString();
        assertThat(ProblemCatalogue.of("problems").checkAgainst(Path.of("..", "docs", "problems", module + ".md"), module)).isEmpty();
    }
}

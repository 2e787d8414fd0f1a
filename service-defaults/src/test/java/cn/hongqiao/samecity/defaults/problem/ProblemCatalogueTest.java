package cn.hongqiao.samecity.defaults.problem;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The problems every process shares are worded in both languages and catalogued in docs/problems/platform.md. */
class ProblemCatalogueTest {

    @Test
    void everySharedProblemIsWordedInBothLanguagesAndCatalogued() throws Exception {
        ProblemCatalogue catalogue = ProblemCatalogue.of("platform-problems");
        assertThat(catalogue.codes()).contains("invalid-request", "not-found", "stale-version", "service-unavailable", "bad-request");
        assertThat(catalogue.checkAgainst(Path.of("..", "docs", "problems", "platform.md"), "Problems every process answers")).isEmpty();
    }
}

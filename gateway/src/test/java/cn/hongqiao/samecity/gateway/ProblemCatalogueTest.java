package cn.hongqiao.samecity.gateway;

import java.nio.file.Path;

import cn.hongqiao.samecity.defaults.problem.ProblemCatalogue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's own problems are worded in both languages and catalogued in docs/problems/gateway.md. */
class ProblemCatalogueTest {

    @Test
    void theGatewaysProblemsAreWordedInBothLanguagesAndCatalogued() throws Exception {
        ProblemCatalogue catalogue = ProblemCatalogue.of("problems");
        assertThat(catalogue.codes()).contains("rate-limited");
        assertThat(catalogue.checkAgainst(Path.of("..", "docs", "problems", "gateway.md"), "gateway")).isEmpty();
    }
}

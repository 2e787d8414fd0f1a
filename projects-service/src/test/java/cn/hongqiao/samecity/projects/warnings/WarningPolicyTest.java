package cn.hongqiao.samecity.projects.warnings;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import cn.hongqiao.samecity.projects.dispatch.InvestmentProgress;
import cn.hongqiao.samecity.projects.project.Category;
import cn.hongqiao.samecity.projects.project.NewProject;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.Stage;
import cn.hongqiao.samecity.projects.project.Warning.Colour;
import cn.hongqiao.samecity.projects.project.Warning.Reason;
import cn.hongqiao.samecity.projects.project.Zone;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** 亮灯 rules with the default thresholds (10 / 30 points, 3 months) and configured ones. */
class WarningPolicyTest {

    static final WarningPolicy DEFAULTS = new WarningPolicy(null, null, null);
    static final LocalDate JULY_15 = LocalDate.of(2025, 7, 15);

    static Project project(Stage stage, LocalDate plannedStart, LocalDate plannedFinish) {
        return Project.register(new NewProject("HQ-W-001", "测试项目", null, Zone.CORE_BUSINESS, Category.COMMERCIAL, null,
                null, null, stage, plannedStart, plannedFinish, null, null, null, null, null));
    }

    /** Plan 1200 for 2025, {@code ytd} completed through June: the pro-rata share is 50 %. */
    static Optional<InvestmentProgress> june(String ytd) {
        return Optional.of(new InvestmentProgress(2025, 6, new BigDecimal("1200"), new BigDecimal(ytd), new BigDecimal(ytd)));
    }

    @Test
    void investmentOnScheduleIsGreen() {
        var warning = DEFAULTS.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), june("600"), JULY_15);
        assertThat(warning.colour()).isEqualTo(Colour.GREEN);
        assertThat(warning.reasons()).isEmpty();
    }

    @Test
    void investmentTenToThirtyPointsBehindIsYellowAndMoreIsRed() {
        assertThat(DEFAULTS.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), june("481"), JULY_15).colour())
                .as("9.92 points behind").isEqualTo(Colour.GREEN);
        assertThat(DEFAULTS.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), june("480"), JULY_15).colour())
                .as("10 points behind").isEqualTo(Colour.YELLOW);
        assertThat(DEFAULTS.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), june("240"), JULY_15).colour())
                .as("30 points behind").isEqualTo(Colour.YELLOW);
        var red = DEFAULTS.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), june("228"), JULY_15);
        assertThat(red.colour()).as("31 points behind").isEqualTo(Colour.RED);
        assertThat(red.reasons()).extracting(Reason::code).containsExactly("INVESTMENT_BEHIND");
        assertThat(red.reasons().get(0).message()).contains("19%").contains("50%").contains("31");
    }

    @Test
    void aPlannedStartPassedWithoutConstructionIsYellowThenRedAfterThreeMonths() {
        assertThat(DEFAULTS.evaluate(project(Stage.PREPARATION, LocalDate.of(2025, 5, 1), null), Optional.empty(), JULY_15).colour())
                .isEqualTo(Colour.YELLOW);
        var red = DEFAULTS.evaluate(project(Stage.PREPARATION, LocalDate.of(2025, 4, 15), null), Optional.empty(), JULY_15);
        assertThat(red.colour()).isEqualTo(Colour.RED);
        assertThat(red.reasons()).extracting(Reason::code).containsExactly("START_OVERDUE");
        assertThat(DEFAULTS.evaluate(project(Stage.UNDER_CONSTRUCTION, LocalDate.of(2025, 1, 1), null), Optional.empty(), JULY_15)
                .colour()).as("started").isEqualTo(Colour.GREEN);
    }

    @Test
    void aPlannedFinishPassedWithoutAcceptanceIsAReasonToo() {
        var warning = DEFAULTS.evaluate(project(Stage.STRUCTURE_COMPLETED, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 30)),
                june("100"), JULY_15);
        assertThat(warning.colour()).isEqualTo(Colour.RED);
        assertThat(warning.reasons()).extracting(Reason::code).containsExactlyInAnyOrder("INVESTMENT_BEHIND", "FINISH_OVERDUE");
    }

    @Test
    void thresholdsComeFromConfiguration() {
        WarningPolicy strict = new WarningPolicy(5, 15, 1);
        assertThat(strict.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), june("540"), JULY_15).colour())
                .as("5 points behind").isEqualTo(Colour.YELLOW);
        assertThat(strict.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), june("400"), JULY_15).colour())
                .as("16.67 points behind").isEqualTo(Colour.RED);
        assertThat(strict.evaluate(project(Stage.PREPARATION, LocalDate.of(2025, 6, 15), null), Optional.empty(), JULY_15).colour())
                .as("one month past start").isEqualTo(Colour.RED);
    }

    @Test
    void inJanuaryNothingIsDueYet() {
        var jan = Optional.of(new InvestmentProgress(2024, 12, new BigDecimal("1200"), BigDecimal.ZERO, BigDecimal.ZERO));
        assertThat(DEFAULTS.evaluate(project(Stage.UNDER_CONSTRUCTION, null, null), jan, LocalDate.of(2025, 1, 20)).colour())
                .isEqualTo(Colour.GREEN);
    }
}

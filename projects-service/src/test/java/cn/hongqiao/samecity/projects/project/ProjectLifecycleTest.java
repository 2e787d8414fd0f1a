package cn.hongqiao.samecity.projects.project;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stage rules live in the domain type: 谋划储备 → … → 投入使用, with 停工/复工 aside. */
class ProjectLifecycleTest {

    static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(2025, 7, 15, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant(),
            ZoneId.of("Asia/Shanghai"));

    static Project project(Stage stage) {
        return Project.register(new NewProject("HQ-L-001", "测试项目", null, Zone.CORE_BUSINESS, Category.COMMERCIAL, null,
                null, null, stage, null, null, null, null, null, null, null));
    }

    @Test
    void aProjectWalksTheWholeLifecycleAndItsActualDatesFollowFromTheMoves() {
        Project p = project(null);
        assertThat(p.stage()).isEqualTo(Stage.PLANNING);
        p.moveTo(Stage.PREPARATION, LocalDate.of(2025, 1, 10), "立项", "officer-demo", CLOCK);
        p.moveTo(Stage.UNDER_CONSTRUCTION, LocalDate.of(2025, 3, 1), "开工", "officer-demo", CLOCK);
        p.moveTo(Stage.STRUCTURE_COMPLETED, LocalDate.of(2025, 5, 20), null, "officer-demo", CLOCK);
        p.moveTo(Stage.COMPLETION_ACCEPTED, LocalDate.of(2025, 6, 30), null, "officer-demo", CLOCK);
        p.moveTo(Stage.IN_USE, LocalDate.of(2025, 7, 1), null, "officer-demo", CLOCK);

        assertThat(p.actualStart()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(p.actualFinish()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(p.transitions()).extracting(StageTransition::to).containsExactly(Stage.PREPARATION,
                Stage.UNDER_CONSTRUCTION, Stage.STRUCTURE_COMPLETED, Stage.COMPLETION_ACCEPTED, Stage.IN_USE);
        assertThat(p.allowedNextStages()).isEmpty();
    }

    @Test
    void anIllegalMoveIsRefusedNamingTheAllowedStagesAndChangesNothing() {
        Project p = project(Stage.PREPARATION);
        assertThatThrownBy(() -> p.moveTo(Stage.IN_USE, LocalDate.of(2025, 7, 1), null, "x", CLOCK))
                .isInstanceOf(IllegalStageMove.class)
                .hasMessageContaining("UNDER_CONSTRUCTION")
                .satisfies(e -> assertThat(((IllegalStageMove) e).details().get("allowed"))
                        .isEqualTo(java.util.List.of(Stage.UNDER_CONSTRUCTION)));
        assertThat(p.stage()).isEqualTo(Stage.PREPARATION);
        assertThat(p.transitions()).isEmpty();
        assertThatThrownBy(() -> project(Stage.PLANNING).moveTo(Stage.SUSPENDED, LocalDate.of(2025, 7, 1), null, "x", CLOCK))
                .isInstanceOf(IllegalStageMove.class);
    }

    @Test
    void suspendedConstructionResumesWhereItStopped() {
        Project p = project(Stage.STRUCTURE_COMPLETED);
        p.moveTo(Stage.SUSPENDED, LocalDate.of(2025, 4, 1), "停工整改", "x", CLOCK);
        assertThat(p.allowedNextStages()).containsExactly(Stage.STRUCTURE_COMPLETED);
        assertThatThrownBy(() -> p.moveTo(Stage.UNDER_CONSTRUCTION, LocalDate.of(2025, 5, 1), null, "x", CLOCK))
                .isInstanceOf(IllegalStageMove.class);
        p.moveTo(Stage.STRUCTURE_COMPLETED, LocalDate.of(2025, 5, 1), "复工", "x", CLOCK);
        assertThat(p.allowedNextStages()).containsExactlyInAnyOrder(Stage.COMPLETION_ACCEPTED, Stage.SUSPENDED);
    }

    @Test
    void aMoveCannotBeDatedInTheFutureOrBeforeThePreviousMove() {
        Project p = project(Stage.PLANNING);
        assertThatThrownBy(() -> p.moveTo(Stage.PREPARATION, LocalDate.of(2025, 7, 16), null, "x", CLOCK))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("date");
        p.moveTo(Stage.PREPARATION, LocalDate.of(2025, 6, 1), null, "x", CLOCK);
        assertThatThrownBy(() -> p.moveTo(Stage.UNDER_CONSTRUCTION, LocalDate.of(2025, 5, 31), null, "x", CLOCK))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("previous");
    }
}

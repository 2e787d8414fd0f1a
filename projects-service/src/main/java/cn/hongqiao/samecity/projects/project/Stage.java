package cn.hongqiao.samecity.projects.project;

import java.util.EnumSet;
import java.util.Set;

/**
 * A project's stage: 谋划储备 → 前期工作 → 开工建设 → 主体完工 → 竣工验收 → 投入使用, with 停工
 * aside: construction (before or after the structure is complete) can be suspended, and resumes
 * (复工) where it stopped.
 */
public enum Stage {
    PLANNING("谋划储备"),
    PREPARATION("前期工作"),
    UNDER_CONSTRUCTION("开工建设"),
    STRUCTURE_COMPLETED("主体完工"),
    COMPLETION_ACCEPTED("竣工验收"),
    IN_USE("投入使用"),
    SUSPENDED("停工");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The stages a project may move to from this one; from {@link #SUSPENDED}, the stage it was suspended in. */
    Set<Stage> next(Stage suspendedFrom) {
        return switch (this) {
            case PLANNING -> EnumSet.of(PREPARATION);
            case PREPARATION -> EnumSet.of(UNDER_CONSTRUCTION);
            case UNDER_CONSTRUCTION -> EnumSet.of(STRUCTURE_COMPLETED, SUSPENDED);
            case STRUCTURE_COMPLETED -> EnumSet.of(COMPLETION_ACCEPTED, SUSPENDED);
            case COMPLETION_ACCEPTED -> EnumSet.of(IN_USE);
            case IN_USE -> EnumSet.noneOf(Stage.class);
            case SUSPENDED -> EnumSet.of(suspendedFrom == null ? UNDER_CONSTRUCTION : suspendedFrom);
        };
    }

    /** Whether a project at this stage has started construction (for delay warnings). */
    boolean started() {
        return this != PLANNING && this != PREPARATION;
    }

    /** Whether a project at this stage has passed completion acceptance. */
    boolean finished() {
        return this == COMPLETION_ACCEPTED || this == IN_USE;
    }
}

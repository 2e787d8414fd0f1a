package cn.hongqiao.samecity.projects.project;

/**
 * A project's stage: 谋划储备 → 前期工作 → 开工建设 → 主体完工 → 竣工验收 → 投入使用, with 停工
 * aside from construction.
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
}

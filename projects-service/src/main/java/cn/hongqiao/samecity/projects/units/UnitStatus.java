package cn.hongqiao.samecity.projects.units;

/** 载体状态. */
public enum UnitStatus {
    VACANT("空置"),
    RESERVED("预留"),
    OCCUPIED("已入驻"),
    OWN_USE("自用");

    private final String label;

    UnitStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

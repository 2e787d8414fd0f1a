package cn.hongqiao.samecity.publicservices.applications;

/** 办件状态. */
public enum ApplicationStatus {
    SUBMITTED("已申请"),
    PRE_REVIEW("预审中"),
    HANDED_OFF("已移交办理地"),
    CORRECTION_REQUESTED("待补正"),
    ACCEPTED("已受理"),
    NOT_ACCEPTED("不予受理"),
    IN_PROGRESS("办理中"),
    COMPLETED("已办结"),
    RESULT_DELIVERED("结果已送达"),
    WITHDRAWN("已撤回");

    private final String label;

    ApplicationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    boolean closed() {
        return this == NOT_ACCEPTED || this == COMPLETED || this == WITHDRAWN || this == RESULT_DELIVERED;
    }
}

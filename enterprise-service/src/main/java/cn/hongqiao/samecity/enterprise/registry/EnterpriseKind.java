package cn.hongqiao.samecity.enterprise.registry;

/** What kind of unit an enterprise record is. */
public enum EnterpriseKind {
    CENTRAL_SOE_BRANCH("央企分支机构"),
    HEADQUARTERS("总部企业"),
    STATE_OWNED("地方国有企业"),
    PRIVATE("民营企业"),
    FOREIGN_INVESTED("外资企业"),
    RESEARCH_INSTITUTE("科研院所");

    private final String label;

    EnterpriseKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package cn.hongqiao.samecity.publicservices.items;

/** How a cross-province item is handled. */
public enum HandlingMode {
    /** 全程网办: handled online from end to end. */
    FULLY_ONLINE("全程网办"),
    /** 异地代收代办: accepted here, handled by the partner region. */
    PROXY_HANDLING("异地代收代办"),
    /** 多地联办: handled jointly by several regions. */
    JOINT_HANDLING("多地联办");

    private final String label;

    HandlingMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package cn.hongqiao.samecity.publicservices.items;

/** 事项类型. */
public enum ItemType {
    ADMINISTRATIVE_LICENSE("行政许可"),
    ADMINISTRATIVE_CONFIRMATION("行政确认"),
    ADMINISTRATIVE_PAYMENT("行政给付"),
    PUBLIC_SERVICE("公共服务"),
    OTHER("其他行政权力");

    private final String label;

    ItemType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

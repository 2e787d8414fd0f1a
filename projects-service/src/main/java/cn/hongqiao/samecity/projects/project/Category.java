package cn.hongqiao.samecity.projects.project;

/** What a project builds. */
public enum Category {
    INDUSTRIAL_PARK("产业园区"),
    HEADQUARTERS("总部基地"),
    URBAN_RENEWAL("城市更新"),
    TRANSPORT_HUB("交通枢纽"),
    COMMERCIAL("商业"),
    ELDERCARE("养老"),
    EDUCATION("教育"),
    RESIDENTIAL("居住");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package cn.hongqiao.samecity.projects.units;

/** What a building is. */
public enum BuildingKind {
    RENOVATED_FACTORY("改造厂房"),
    OFFICE("办公楼"),
    COMPUTING_CENTRE("算力中心"),
    TALENT_APARTMENT("人才公寓"),
    LABORATORY("实验楼"),
    COMMERCIAL("商业楼"),
    OTHER("其他");

    private final String label;

    BuildingKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

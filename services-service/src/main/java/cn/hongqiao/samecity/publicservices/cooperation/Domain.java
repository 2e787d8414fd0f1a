package cn.hongqiao.samecity.publicservices.cooperation;

/** What a cooperation agreement with a partner region covers. */
public enum Domain {
    CROSS_PROVINCE_SERVICES("通办"),
    MEDICAL("医疗"),
    EDUCATION("教育"),
    CULTURE_TOURISM("文旅"),
    SOCIAL_SECURITY("社保"),
    TALENT("人才"),
    ENVIRONMENT("环保");

    private final String label;

    Domain(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package cn.hongqiao.samecity.defaults.seed;

/** Where a record comes from: every record of the platform says it (data honesty). */
public enum Source {
    /** Named in the district's 2025 report; the record's note quotes it. */
    ARTICLE("区报道所载"),
    /** Made up to illustrate the platform: real-world-plausible, never presented as official. */
    ILLUSTRATIVE("示例数据（非官方）"),
    /** Entered by a user of the platform. */
    ENTERED("用户录入");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    /** The Chinese name portals show. */
    public String label() {
        return label;
    }
}

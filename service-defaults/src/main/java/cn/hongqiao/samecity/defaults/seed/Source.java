package cn.hongqiao.samecity.defaults.seed;

/** Where a record comes from: every record of the platform says it (data honesty). */
public enum Source {
    /** Named in the district's 2025 report; the record's note quotes it. */
    ARTICLE,
    /** Made up to illustrate the platform: real-world-plausible, never presented as official. */
    ILLUSTRATIVE,
    /** Entered by a user of the platform. */
    ENTERED
}

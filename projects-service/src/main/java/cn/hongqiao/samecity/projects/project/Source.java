package cn.hongqiao.samecity.projects.project;

/** Where a record comes from (data honesty: every record says it). */
public enum Source {
    /** Named in the district's 2025 report. */
    ARTICLE,
    /** Made up to illustrate the platform; real-world-plausible, never official. */
    ILLUSTRATIVE,
    /** Entered by a user of the platform. */
    ENTERED
}

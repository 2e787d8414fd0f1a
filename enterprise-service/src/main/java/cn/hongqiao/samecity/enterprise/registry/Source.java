package cn.hongqiao.samecity.enterprise.registry;

/** Where a record comes from (data honesty: every record says it). */
public enum Source {
    ARTICLE, ILLUSTRATIVE, ENTERED
}

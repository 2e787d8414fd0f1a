package cn.hongqiao.samecity.publicservices.items;

/** Where a record comes from (data honesty: every record says it). */
public enum Source {
    ARTICLE, ILLUSTRATIVE, ENTERED
}

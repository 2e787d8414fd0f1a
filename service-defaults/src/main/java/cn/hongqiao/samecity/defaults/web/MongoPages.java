package cn.hongqiao.samecity.defaults.web;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;

/** A page of a filtered query, counting only when the page does not already tell the total. */
public final class MongoPages {

    private MongoPages() {
    }

    public static <T> Page<T> find(MongoTemplate mongo, Query filter, Pageable pageable, Class<T> type) {
        Query counted = Query.of(filter);
        List<T> content = mongo.find(Query.of(filter).with(pageable), type);
        return PageableExecutionUtils.getPage(content, pageable, () -> mongo.count(counted, type));
    }
}

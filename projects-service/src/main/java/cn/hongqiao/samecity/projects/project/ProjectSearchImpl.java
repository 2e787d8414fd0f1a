package cn.hongqiao.samecity.projects.project;

import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.TextMatch;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Filtered listing; every filter field is covered by an index declared on {@link Project}. */
class ProjectSearchImpl implements ProjectSearch {

    private final MongoTemplate mongo;

    ProjectSearchImpl(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page<Project> search(Filter filter, Pageable pageable) {
        Query query = new Query();
        if (filter.zone() != null) {
            query.addCriteria(Criteria.where("zone").is(filter.zone()));
        }
        if (filter.stage() != null) {
            query.addCriteria(Criteria.where("stage").is(filter.stage()));
        }
        if (filter.category() != null) {
            query.addCriteria(Criteria.where("category").is(filter.category()));
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            query.addCriteria(TextMatch.contains("name", filter.name()));
        }
        return MongoPages.find(mongo, query, pageable, Project.class);
    }
}

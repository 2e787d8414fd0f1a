package cn.hongqiao.samecity.enterprise.registry;

import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.TextMatch;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class EnterpriseSearchImpl implements EnterpriseSearch {

    private final MongoTemplate mongo;

    EnterpriseSearchImpl(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page<Enterprise> search(Filter filter, Pageable pageable) {
        Query query = new Query();
        if (filter.creditCode() != null) {
            query.addCriteria(Criteria.where("creditCode").is(filter.creditCode()));
        }
        if (filter.kind() != null) {
            query.addCriteria(Criteria.where("kind").is(filter.kind()));
        }
        if (filter.parentGroup() != null && !filter.parentGroup().isBlank()) {
            query.addCriteria(Criteria.where("parentGroup").is(filter.parentGroup()));
        }
        if (filter.originRegion() != null) {
            query.addCriteria(Criteria.where("originRegion").is(filter.originRegion()));
        }
        if (filter.chain() != null && !filter.chain().isBlank()) {
            query.addCriteria(Criteria.where("industryChains").is(filter.chain()));
        }
        if (filter.settledProject() != null) {
            query.addCriteria(Criteria.where("settlement.projectId").is(filter.settledProject()));
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            query.addCriteria(TextMatch.contains("name", filter.name()));
        }
        return MongoPages.find(mongo, query, pageable, Enterprise.class);
    }
}

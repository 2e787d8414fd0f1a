package cn.hongqiao.samecity.publicservices.items;

import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.TextMatch;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

class ServiceItemSearchImpl implements ServiceItemSearch {

    private final MongoTemplate mongo;

    ServiceItemSearchImpl(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page<ServiceItem> search(Filter filter, Pageable pageable) {
        Query query = new Query();
        if (filter.partnerRegion() != null) {
            query.addCriteria(Criteria.where("partnerRegions").is(filter.partnerRegion()));
        }
        if (filter.handlingMode() != null) {
            query.addCriteria(Criteria.where("handlingMode").is(filter.handlingMode()));
        }
        if (filter.department() != null && !filter.department().isBlank()) {
            query.addCriteria(Criteria.where("department").is(filter.department()));
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            query.addCriteria(TextMatch.contains("name", filter.name()));
        }
        return MongoPages.find(mongo, query, pageable, ServiceItem.class);
    }
}

package cn.hongqiao.samecity.enterprise.branches;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.hongqiao.samecity.defaults.seed.ReportedFigure;
import cn.hongqiao.samecity.defaults.seed.SeedSet;
import cn.hongqiao.samecity.defaults.web.ListView;
import cn.hongqiao.samecity.enterprise.registry.Enterprise;
import cn.hongqiao.samecity.enterprise.registry.EnterpriseKind;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/soe-branches}: central-SOE branches grouped by parent group, and the count the
 * district reports beside the count registered here. {@code /api/v1/indicators}: the district's
 * reported figures with year and source. Public.
 */
@Tag(name = "soe-branches")
@RestController
class BranchesController {

    static final String REPORTED_BRANCHES = "central-soe-branches";

    record Branch(String id, String name, @Nullable String creditCode) {
    }

    record Group(@Nullable String parentGroup, int count, List<Branch> branches) {
    }

    record Summary(long registered, ReportedFigure.@Nullable Record reported, String note) {
    }

    private final MongoTemplate mongo;

    BranchesController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The central-SOE branches registered here, grouped by parent group. */
    @GetMapping("/api/v1/soe-branches")
    ListView<Group> listSoeBranches() {
        Query query = Query.query(Criteria.where("kind").is(EnterpriseKind.CENTRAL_SOE_BRANCH)).with(Sort.by("parentGroup", "name"));
        query.fields().include("name", "creditCode", "parentGroup");
        Map<String, List<Branch>> groups = new LinkedHashMap<>();
        for (Enterprise e : mongo.find(query, Enterprise.class)) {
            groups.computeIfAbsent(e.parentGroup(), g -> new ArrayList<>()).add(new Branch(e.id(), e.name(), e.creditCode()));
        }
        return ListView.of(groups.entrySet().stream().map(g -> new Group(g.getKey(), g.getValue().size(), g.getValue())).toList());
    }

    /** The central-SOE branches registered here beside the district's reported figure (23 in 2024, with its source). */
    @GetMapping("/api/v1/soe-branches/summary")
    Summary getSoeBranchSummary() {
        long registered = mongo.count(Query.query(Criteria.where("kind").is(EnterpriseKind.CENTRAL_SOE_BRANCH)), Enterprise.class);
        Optional<ReportedFigure.Record> reported = ReportedFigure.latest(mongo, REPORTED_BRANCHES);
        return new Summary(registered, reported.orElse(null), "registered: records in this registry; reported: the district's own "
                + "figure. They differ until every branch is registered; no record is invented to make them match.");
    }

    /** The district's reported figures, each with its year and source. */
    @GetMapping("/api/v1/indicators")
    ListView<ReportedFigure.Record> listIndicators() {
        return ListView.of(ReportedFigure.all(mongo));
    }

    @Configuration(proxyBeanMethods = false)
    static class Seeds {
        @Bean
        SeedSet<ReportedFigure.Record> indicatorSeedSet() {
            return ReportedFigure.seedSet("indicators");
        }
    }
}

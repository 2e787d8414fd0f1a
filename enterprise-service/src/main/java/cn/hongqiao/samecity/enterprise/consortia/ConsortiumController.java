package cn.hongqiao.samecity.enterprise.consortia;

import java.util.List;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.seed.SeedSet;
import cn.hongqiao.samecity.defaults.seed.Source;
import cn.hongqiao.samecity.defaults.web.ListView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/** {@code /api/v1/consortia}: innovation consortia, alliances and platforms. Reads are public. */
@Tag(name = "consortia")
@RestController
@RequestMapping("/api/v1/consortia")
class ConsortiumController {

    record ConsortiumView(String id, String name, Consortium.Kind kind, String kindName, @Nullable String leadUnit,
            List<Consortium.Member> members, @Nullable String field, @Nullable Integer founded, Source source, @Nullable String sourceNote) {
        static ConsortiumView of(Consortium c) {
            return new ConsortiumView(c.id(), c.name(), c.kind(), c.kind().label(), c.leadUnit(), c.members(), c.field(),
                    c.founded(), c.source(), c.sourceNote());
        }
    }

    private final MongoTemplate mongo;

    ConsortiumController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The innovation consortia, alliances and platforms, with their members. */
    @GetMapping
    ListView<ConsortiumView> listConsortia() {
        return ListView.of(mongo.find(new Query().with(Sort.by("kind", "name")), Consortium.class).stream().map(ConsortiumView::of).toList());
    }

    /** One consortium. */
    @GetMapping("/{id}")
    ConsortiumView getConsortium(@PathVariable String id) {
        Consortium c = mongo.findById(id, Consortium.class);
        if (c == null) {
            throw new NotFoundException("consortium", id);
        }
        return ConsortiumView.of(c);
    }

    /** Adds a consortium; its name is unique. */
    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = "already-exists")
    ConsortiumView addConsortium(@Valid @RequestBody NewConsortium request) {
        if (mongo.exists(Query.query(Criteria.where("name").is(request.name())), Consortium.class)) {
            throw ConflictException.alreadyExists("consortium.name-exists", request.name());
        }
        return ConsortiumView.of(mongo.insert(Consortium.of(request)));
    }

    @Configuration(proxyBeanMethods = false)
    static class Seeds {
        @Bean
        SeedSet<NewConsortium> consortiumSeedSet() {
            return SeedSet.of("consortia", NewConsortium.class, Consortium::of, "name");
        }
    }
}

package cn.hongqiao.samecity.publicservices.cooperation;

import java.util.List;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.seed.ReportedFigure;
import cn.hongqiao.samecity.defaults.seed.SeedSet;
import cn.hongqiao.samecity.defaults.web.ListView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * Partner regions' agreements ({@code /api/v1/agreements}), shared events ({@code /api/v1/events})
 * and the district's reported figures ({@code /api/v1/service-figures}). Reads are public;
 * officers add.
 */
@Tag(name = "cooperation")
@RestController
class CooperationController {

    record AgreementView(String id, String partnerRegion, String partnerName, String title, List<String> domains,
            Agreement.Status status, String statusName, java.time.@Nullable LocalDate signedOn, @Nullable Integer agreedItemCount,
            cn.hongqiao.samecity.defaults.seed.Source source, @Nullable String sourceNote) {
        static AgreementView of(Agreement a) {
            return new AgreementView(a.id(), a.partnerRegion(), a.partnerName(), a.title(),
                    a.domains().stream().sorted().map(d -> d.name() + " " + d.label()).toList(), a.status(), a.status().label(),
                    a.signedOn(), a.agreedItemCount(), a.source(), a.sourceNote());
        }
    }

    record EventView(String id, String name, Event.Kind kind, String kindName, int year, java.time.@Nullable LocalDate startsOn,
            java.time.@Nullable LocalDate endsOn, List<String> partnerRegions, @Nullable String organiser, cn.hongqiao.samecity.defaults.seed.Source source,
            @Nullable String sourceNote) {
        static EventView of(Event e) {
            return new EventView(e.id(), e.name(), e.kind(), e.kind().label(), e.year(), e.startsOn(), e.endsOn(), e.partnerRegions(),
                    e.organiser(), e.source(), e.sourceNote());
        }
    }

    private final MongoTemplate mongo;

    CooperationController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Partner regions' agreements, filtered by status, domain and partner region (GB/T 2260). */
    @GetMapping("/api/v1/agreements")
    ListView<AgreementView> listAgreements(@RequestParam(required = false) Agreement.Status status,
            @RequestParam(required = false) Domain domain,
            @RequestParam(required = false) @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String partnerRegion) {
        Query query = new Query().with(Sort.by("partnerRegion", "title"));
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        if (domain != null) {
            query.addCriteria(Criteria.where("domains").is(domain));
        }
        if (partnerRegion != null) {
            query.addCriteria(Criteria.where("partnerRegion").is(partnerRegion));
        }
        return ListView.of(mongo.find(query, Agreement.class).stream().map(AgreementView::of).toList());
    }

    /** Records an agreement with a partner region; partner and title are unique together. */
    @PostMapping("/api/v1/agreements")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = "already-exists")
    AgreementView addAgreement(@Valid @RequestBody Agreement.NewAgreement request) {
        try {
            return AgreementView.of(mongo.insert(Agreement.of(request)));
        } catch (DuplicateKeyException e) {
            throw ConflictException.alreadyExists("agreement.exists");
        }
    }

    /** The partner regions (GB/T 2260) the district cooperates with, each with its agreements' domains and statuses. */
    @GetMapping("/api/v1/partner-regions")
    ListView<PartnerRegion> listPartnerRegions() {
        java.util.Map<String, PartnerRegion> regions = new java.util.TreeMap<>();
        for (Agreement a : mongo.find(new Query().with(Sort.by("partnerRegion")), Agreement.class)) {
            PartnerRegion known = regions.get(a.partnerRegion());
            java.util.Set<Domain> domains = new java.util.TreeSet<>(a.domains());
            java.util.Set<Agreement.Status> statuses = new java.util.TreeSet<>(java.util.Set.of(a.status()));
            if (known != null) {
                domains.addAll(known.domains());
                statuses.addAll(known.statuses());
            }
            regions.put(a.partnerRegion(), new PartnerRegion(a.partnerRegion(), a.partnerName(), domains, statuses));
        }
        return ListView.of(List.copyOf(regions.values()));
    }

    record PartnerRegion(String code, String name, java.util.Set<Domain> domains, java.util.Set<Agreement.Status> statuses) {
    }

    /** Events shared with partner regions, filtered by kind and year. */
    @GetMapping("/api/v1/events")
    ListView<EventView> listEvents(@RequestParam(required = false) Event.Kind kind, @RequestParam(required = false) Integer year) {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "year").and(Sort.by("name")));
        if (kind != null) {
            query.addCriteria(Criteria.where("kind").is(kind));
        }
        if (year != null) {
            query.addCriteria(Criteria.where("year").is(year));
        }
        return ListView.of(mongo.find(query, Event.class).stream().map(EventView::of).toList());
    }

    /** Records a shared event; its name is unique within its year. */
    @PostMapping("/api/v1/events")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = "already-exists")
    EventView addEvent(@Valid @RequestBody Event.NewEvent request) {
        try {
            return EventView.of(mongo.insert(Event.of(request)));
        } catch (DuplicateKeyException e) {
            throw ConflictException.alreadyExists("event.exists");
        }
    }

    /** The district's reported service figures (228 agreed items, 42 institutions), each with its year and source. */
    @GetMapping("/api/v1/service-figures")
    ListView<ReportedFigure.Record> listServiceFigures() {
        return ListView.of(ReportedFigure.all(mongo));
    }

    @Configuration(proxyBeanMethods = false)
    static class Seeds {
        @Bean
        SeedSet<Agreement.NewAgreement> agreementSeedSet() {
            return SeedSet.of("agreements", Agreement.NewAgreement.class, Agreement::of, "partnerRegion", "title");
        }

        @Bean
        SeedSet<Event.NewEvent> eventSeedSet() {
            return SeedSet.of("events", Event.NewEvent.class, Event::of, "name", "year");
        }

        @Bean
        SeedSet<ReportedFigure.Record> figureSeedSet() {
            return ReportedFigure.seedSet("service-figures");
        }
    }
}

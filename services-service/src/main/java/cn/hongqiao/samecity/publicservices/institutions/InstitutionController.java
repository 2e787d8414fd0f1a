package cn.hongqiao.samecity.publicservices.institutions;

import java.util.Set;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.seed.SeedSet;
import cn.hongqiao.samecity.defaults.seed.Source;
import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/** {@code /api/v1/medical-institutions}: where out-of-region insured people settle directly. Public reads. */
@Tag(name = "medical-institutions")
@RestController
@RequestMapping("/api/v1/medical-institutions")
class InstitutionController {

    record InstitutionView(String id, String insuranceCode, String name, MedicalInstitution.Grade grade, String gradeName,
            MedicalInstitution.Type type, boolean publicOwned, String region, Set<MedicalInstitution.SettlementType> settlementTypes,
            Set<MedicalInstitution.OnlineService> onlineServices, Source source, @Nullable String sourceNote) {
        static InstitutionView of(MedicalInstitution m) {
            return new InstitutionView(m.id(), m.insuranceCode(), m.name(), m.grade(), m.grade().label(), m.type(), m.publicOwned(),
                    m.region(), m.settlementTypes(), m.onlineServices(), m.source(), m.sourceNote());
        }
    }

    private final MongoTemplate mongo;

    InstitutionController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Lists the medical institutions that settle out-of-region bills directly, filtered by region,
     * grade and settlement type, a page at a time.
     */
    @GetMapping
    PageView<InstitutionView> listMedicalInstitutions(
            @RequestParam(required = false) @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String region,
            @RequestParam(required = false) MedicalInstitution.Grade grade,
            @RequestParam(required = false) MedicalInstitution.SettlementType settlementType,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Query query = new Query();
        if (region != null) {
            query.addCriteria(Criteria.where("region").is(region));
        }
        if (grade != null) {
            query.addCriteria(Criteria.where("grade").is(grade));
        }
        if (settlementType != null) {
            query.addCriteria(Criteria.where("settlementTypes").is(settlementType));
        }
        var pageable = Paging.request(page, size, Sort.by("insuranceCode"));
        return PageView.of(MongoPages.find(mongo, query, pageable, MedicalInstitution.class), InstitutionView::of);
    }

    /** Adds a medical institution; its insurance code (H + region + 5 digits) is unique. */
    @PostMapping
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = "already-exists")
    InstitutionView addMedicalInstitution(@Valid @RequestBody MedicalInstitution.NewInstitution request) {
        try {
            return InstitutionView.of(mongo.insert(MedicalInstitution.of(request)));
        } catch (DuplicateKeyException e) {
            throw ConflictException.alreadyExists("institution.insurance-code-exists", request.insuranceCode());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Seeds {
        @Bean
        SeedSet<MedicalInstitution.NewInstitution> institutionSeedSet() {
            return SeedSet.of("medical-institutions", MedicalInstitution.NewInstitution.class, MedicalInstitution::of, "insuranceCode");
        }
    }
}

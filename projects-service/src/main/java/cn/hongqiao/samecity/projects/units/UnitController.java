package cn.hongqiao.samecity.projects.units;


import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.projects.project.Zone;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/units}: units across projects, and the commands enterprise-service uses to
 * reserve, occupy and release one for an enterprise. Each command is idempotent: the same
 * enterprise asking again gets the same answer; a unit held by another is a 409.
 */
@Tag(name = "units")
@RestController
@RequestMapping("/api/v1/units")
class UnitController {

    record HolderRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "{rule.enterprise-id}") String enterpriseId) {
    }

    private final MongoTemplate mongo;
    private final UnitDesk desk;

    UnitController(MongoTemplate mongo, UnitDesk desk) {
        this.mongo = mongo;
        this.desk = desk;
    }

    /** Lists units across projects, filtered by project, zone and status, a page at a time. */
    @GetMapping
    PageView<UnitView> listUnits(@RequestParam(required = false) @Pattern(regexp = "[0-9a-f]{24}", message = "{rule.project-id}") String projectId,
            @RequestParam(required = false) Zone zone, @RequestParam(required = false) UnitStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Query query = new Query();
        if (projectId != null) {
            query.addCriteria(Criteria.where("projectId").is(projectId));
        }
        if (zone != null) {
            query.addCriteria(Criteria.where("zone").is(zone));
        }
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        var pageable = Paging.request(page, size, Sort.by("projectId", "buildingId", "code"));
        return PageView.of(MongoPages.find(mongo, query, pageable, Unit.class), UnitView::of);
    }

    /** One unit and who holds it. */
    @GetMapping("/{unitId}")
    UnitView getUnit(@PathVariable String unitId) {
        Unit unit = mongo.findById(unitId, Unit.class);
        if (unit == null) {
            throw new NotFoundException("unit", unitId);
        }
        return UnitView.of(unit);
    }

    /**
     * Reserves a unit for an enterprise; the same enterprise asking again gets the same answer, a unit
     * held by another is a 409.
     */
    @PostMapping("/{unitId}/reservation")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(problems = "unit-held-by-another")
    UnitView reserveUnit(@PathVariable String unitId, @Valid @RequestBody HolderRequest request) {
        return UnitView.of(desk.reserve(unitId, request.enterpriseId()));
    }

    /** Occupies a unit for an enterprise (it moves in); idempotent for the same enterprise, a 409 when another holds it. */
    @PostMapping("/{unitId}/occupancy")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(problems = "unit-held-by-another")
    UnitView occupyUnit(@PathVariable String unitId, @Valid @RequestBody HolderRequest request) {
        return UnitView.of(desk.occupy(unitId, request.enterpriseId()));
    }

    /** Releases the unit an enterprise holds; idempotent, a 409 when another enterprise holds it. */
    @PostMapping("/{unitId}/release")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @Answers(problems = "unit-held-by-another")
    UnitView releaseUnit(@PathVariable String unitId, @Valid @RequestBody HolderRequest request) {
        return UnitView.of(desk.release(unitId, request.enterpriseId()));
    }
}

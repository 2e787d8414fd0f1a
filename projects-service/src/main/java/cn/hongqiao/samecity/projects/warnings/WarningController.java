package cn.hongqiao.samecity.projects.warnings;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.hongqiao.samecity.defaults.web.MongoPages;
import cn.hongqiao.samecity.defaults.web.PageView;
import cn.hongqiao.samecity.defaults.web.Paging;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.Warning.Colour;
import cn.hongqiao.samecity.projects.project.Warning;
import cn.hongqiao.samecity.projects.project.Zone;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/warnings}: the projects that are behind (yellow or red), with every reason. Public. */
@Tag(name = "warnings")
@RestController
@RequestMapping("/api/v1/warnings")
class WarningController {

    record WarningView(String projectId, String code, String name, Zone zone, String zoneName, Colour colour,
            String colourName, List<Warning.Reason> reasons, LocalDate asOf) {
        static WarningView of(Project p) {
            Warning w = p.warning();
            return new WarningView(p.id(), p.code(), p.name(), p.zone(), p.zone().label(), w.colour(), w.colour().label(),
                    w.reasons(), w.asOf());
        }
    }

    private final MongoTemplate mongo;
    private final WarningBoard board;

    WarningController(MongoTemplate mongo, WarningBoard board) {
        this.mongo = mongo;
        this.board = board;
    }

    /** Current warnings; without {@code colour}, yellow and red. */
    @GetMapping
    PageView<WarningView> listWarnings(@RequestParam(required = false) Colour colour, @RequestParam(required = false) Zone zone,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Query query = new Query(colour == null ? Criteria.where("warning.colour").in(Colour.RED, Colour.YELLOW)
                : Criteria.where("warning.colour").is(colour));
        if (zone != null) {
            query.addCriteria(Criteria.where("zone").is(zone));
        }
        // red first: "RED" sorts before "YELLOW"
        var pageable = Paging.request(page, size, Sort.by("warning.colour").and(Sort.by("code")));
        return PageView.of(MongoPages.find(mongo, query, pageable, Project.class), WarningView::of);
    }

    /** Re-evaluates every project now (it also happens nightly and whenever a project changes). */
    @PostMapping("/evaluations")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    Map<String, Object> evaluateWarnings() {
        return Map.of("evaluated", board.evaluateAll());
    }
}

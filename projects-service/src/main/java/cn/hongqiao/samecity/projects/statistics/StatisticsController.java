package cn.hongqiao.samecity.projects.statistics;

import java.util.List;

import cn.hongqiao.samecity.defaults.web.ListView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's figures. Public. */
@Tag(name = "statistics")
@RestController
class StatisticsController {

    private final DistrictFigures figures;

    StatisticsController(DistrictFigures figures) {
        this.figures = figures;
    }

    /** Projects by stage and zone, investment totals (万元), warnings by colour, overall vacancy. */
    @GetMapping("/api/v1/project-statistics")
    DistrictFigures.Figures getProjectStatistics() {
        return figures.figures();
    }

    /** Unit vacancy per {@code zone} or per {@code project}. */
    @GetMapping("/api/v1/vacancy")
    ListView<DistrictFigures.Vacancy> getVacancy(@RequestParam(defaultValue = "zone")
            @Pattern(regexp = "zone|project", message = "{rule.by-zone-or-project}") String by) {
        return ListView.of(figures.vacancy(by.equals("project") ? "projectId" : "zone"));
    }
}

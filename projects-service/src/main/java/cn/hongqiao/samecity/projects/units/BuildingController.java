package cn.hongqiao.samecity.projects.units;

import java.math.BigDecimal;
import java.util.List;

import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.seed.Source;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.ProjectRepository;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A project's buildings and each building's units. Reads are public; officers add them. */
@RestController
class BuildingController {

    record BuildingView(String id, String projectId, String name, BuildingKind kind, String kindName, BigDecimal floorArea,
            Integer floors, Source source, String sourceNote) {
        static BuildingView of(Building b) {
            return new BuildingView(b.id(), b.projectId(), b.name(), b.kind(), b.kind().label(), b.floorArea(), b.floors(),
                    b.source(), b.sourceNote());
        }
    }

    private final ProjectRepository projects;
    private final BuildingRepository buildings;
    private final UnitRepository units;

    BuildingController(ProjectRepository projects, BuildingRepository buildings, UnitRepository units) {
        this.projects = projects;
        this.buildings = buildings;
        this.units = units;
    }

    @GetMapping("/api/v1/projects/{projectId}/buildings")
    List<BuildingView> buildings(@PathVariable String projectId) {
        project(projectId);
        return buildings.findByProjectIdOrderByName(projectId).stream().map(BuildingView::of).toList();
    }

    @PostMapping("/api/v1/projects/{projectId}/buildings")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    BuildingView add(@PathVariable String projectId, @Valid @RequestBody NewBuilding request) {
        project(projectId);
        if (buildings.existsByProjectIdAndName(projectId, request.name())) {
            throw ConflictException.alreadyExists("building.name-exists", request.name());
        }
        return BuildingView.of(buildings.insert(Building.of(projectId, request)));
    }

    @GetMapping("/api/v1/buildings/{buildingId}")
    BuildingView building(@PathVariable String buildingId) {
        return BuildingView.of(find(buildingId));
    }

    @GetMapping("/api/v1/buildings/{buildingId}/units")
    List<UnitView> units(@PathVariable String buildingId) {
        find(buildingId);
        return units.findByBuildingIdOrderByFloorAscCodeAsc(buildingId).stream().map(UnitView::of).toList();
    }

    @PostMapping("/api/v1/buildings/{buildingId}/units")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    UnitView addUnit(@PathVariable String buildingId, @Valid @RequestBody NewUnit request) {
        Building building = find(buildingId);
        if (units.existsByBuildingIdAndCode(buildingId, request.code())) {
            throw ConflictException.alreadyExists("unit.code-exists", request.code());
        }
        return UnitView.of(units.insert(Unit.of(building, project(building.projectId()).zone(), request)));
    }

    private Project project(String projectId) {
        return projects.findById(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
    }

    private Building find(String buildingId) {
        return buildings.findById(buildingId).orElseThrow(() -> new NotFoundException("building", buildingId));
    }
}

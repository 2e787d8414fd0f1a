package cn.hongqiao.samecity.projects.units;

import java.math.BigDecimal;
import java.util.List;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.seed.Source;
import cn.hongqiao.samecity.defaults.web.ListView;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.ProjectRepository;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/** A project's buildings and each building's units. Reads are public; officers add them. */
@Tag(name = "buildings")
@RestController
class BuildingController {

    record BuildingView(String id, String projectId, String name, BuildingKind kind, String kindName, @Nullable BigDecimal floorArea,
            @Nullable Integer floors, Source source, @Nullable String sourceNote) {
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

    /** A project's buildings. */
    @GetMapping("/api/v1/projects/{projectId}/buildings")
    ListView<BuildingView> listBuildings(@PathVariable String projectId) {
        project(projectId);
        return ListView.of(buildings.findByProjectIdOrderByName(projectId).stream().map(BuildingView::of).toList());
    }

    /** Adds a building to a project; its name is unique within the project. */
    @PostMapping("/api/v1/projects/{projectId}/buildings")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = "already-exists")
    BuildingView addBuilding(@PathVariable String projectId, @Valid @RequestBody NewBuilding request) {
        project(projectId);
        if (buildings.existsByProjectIdAndName(projectId, request.name())) {
            throw ConflictException.alreadyExists("building.name-exists", request.name());
        }
        return BuildingView.of(buildings.insert(Building.of(projectId, request)));
    }

    /** One building. */
    @GetMapping("/api/v1/buildings/{buildingId}")
    BuildingView getBuilding(@PathVariable String buildingId) {
        return BuildingView.of(find(buildingId));
    }

    /** A building's units (载体), floor by floor. */
    @GetMapping("/api/v1/buildings/{buildingId}/units")
    ListView<UnitView> listBuildingUnits(@PathVariable String buildingId) {
        find(buildingId);
        return ListView.of(units.findByBuildingIdOrderByFloorAscCodeAsc(buildingId).stream().map(UnitView::of).toList());
    }

    /** Adds a unit (载体) to a building: vacant or in own use; its code is unique within the building. */
    @PostMapping("/api/v1/buildings/{buildingId}/units")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = "already-exists")
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

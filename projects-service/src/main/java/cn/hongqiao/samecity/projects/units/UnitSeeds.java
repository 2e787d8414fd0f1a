package cn.hongqiao.samecity.projects.units;

import cn.hongqiao.samecity.defaults.seed.SeedSet;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.ProjectRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Seed files with {@code "set": "buildings"} and {@code "set": "units"} name their project by
 * code and their building by name; loading resolves them (so buildings load after projects, and
 * units after buildings: file names 10-, 20-, 30-).
 */
@Configuration(proxyBeanMethods = false)
class UnitSeeds {

    record BuildingSeed(@NotBlank String projectCode, @NotNull @Valid NewBuilding building) {
    }

    record UnitSeed(@NotBlank String projectCode, @NotBlank String buildingName, @NotNull @Valid NewUnit unit) {
    }

    @Bean
    SeedSet<BuildingSeed> buildingSeedSet(ProjectRepository projects) {
        return SeedSet.of("buildings", BuildingSeed.class,
                seed -> Building.of(project(projects, seed.projectCode()).id(), seed.building()), "projectId", "name");
    }

    @Bean
    SeedSet<UnitSeed> unitSeedSet(ProjectRepository projects, BuildingRepository buildings) {
        return SeedSet.of("units", UnitSeed.class, seed -> {
            Project project = project(projects, seed.projectCode());
            Building building = buildings.findByProjectIdOrderByName(project.id()).stream()
                    .filter(b -> b.name().equals(seed.buildingName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no building '" + seed.buildingName() + "' in " + seed.projectCode()));
            return Unit.of(building, project.zone(), seed.unit());
        }, "buildingId", "code");
    }

    private static Project project(ProjectRepository projects, String code) {
        return projects.findByCode(code).orElseThrow(() -> new IllegalArgumentException("no project with code " + code));
    }
}

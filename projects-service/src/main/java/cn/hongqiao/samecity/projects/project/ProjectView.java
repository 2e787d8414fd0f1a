package cn.hongqiao.samecity.projects.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import cn.hongqiao.samecity.defaults.seed.Source;
import org.jspecify.annotations.Nullable;

/** A project as portals see it: codes with their Chinese labels, its warning and where it may move next. */
record ProjectView(String id, String code, String name, @Nullable String nameEn, Zone zone, String zoneName,
        Category category, String categoryName, @Nullable String ownerUnit, @Nullable BigDecimal totalInvestment, @Nullable BigDecimal floorArea,
        Stage stage, String stageName, Set<Stage> allowedNextStages, @Nullable LocalDate plannedStart, @Nullable LocalDate plannedFinish,
        @Nullable LocalDate actualStart, @Nullable LocalDate actualFinish, @Nullable Integer expectedEnterprises, @Nullable Integer expectedJobs, @Nullable Location location,
        @Nullable Warning warning, Source source, @Nullable String sourceNote, long version, Instant createdAt, Instant updatedAt) {

    static ProjectView of(Project p) {
        return new ProjectView(p.id(), p.code(), p.name(), p.nameEn(), p.zone(), p.zone().label(), p.category(),
                p.category().label(), p.ownerUnit(), p.totalInvestment(), p.floorArea(), p.stage(), p.stage().label(),
                p.allowedNextStages(), p.plannedStart(), p.plannedFinish(), p.actualStart(), p.actualFinish(),
                p.expectedEnterprises(), p.expectedJobs(), p.location(), p.warning(), p.source(), p.sourceNote(),
                p.version(), p.createdAt(), p.updatedAt());
    }
}

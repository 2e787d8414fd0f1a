package cn.hongqiao.samecity.projects.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import cn.hongqiao.samecity.defaults.seed.Source;

/** A project as portals see it: codes with their Chinese labels. */
record ProjectView(String id, String code, String name, String nameEn, Zone zone, String zoneName,
        Category category, String categoryName, String ownerUnit, BigDecimal totalInvestment, BigDecimal floorArea,
        Stage stage, String stageName, LocalDate plannedStart, LocalDate plannedFinish, Integer expectedEnterprises,
        Integer expectedJobs, Source source, String sourceNote, long version, Instant createdAt, Instant updatedAt) {

    static ProjectView of(Project p) {
        return new ProjectView(p.id(), p.code(), p.name(), p.nameEn(), p.zone(), p.zone().label(), p.category(),
                p.category().label(), p.ownerUnit(), p.totalInvestment(), p.floorArea(), p.stage(), p.stage().label(),
                p.plannedStart(), p.plannedFinish(), p.expectedEnterprises(), p.expectedJobs(), p.source(),
                p.sourceNote(), p.version(), p.createdAt(), p.updatedAt());
    }
}

package cn.hongqiao.samecity.projects.units;

import java.math.BigDecimal;
import java.time.Instant;

import cn.hongqiao.samecity.defaults.seed.Source;
import cn.hongqiao.samecity.projects.project.Zone;
import org.jspecify.annotations.Nullable;

record UnitView(String id, String projectId, String buildingId, String code, Zone zone, Integer floor, BigDecimal area,
        UnitStatus status, String statusName, @Nullable Holder holder, Source source, long version, Instant updatedAt) {

    static UnitView of(Unit u) {
        return new UnitView(u.id(), u.projectId(), u.buildingId(), u.code(), u.zone(), u.floor(), u.area(), u.status(),
                u.status().label(), u.holder(), u.source(), u.version(), u.updatedAt());
    }
}

package cn.hongqiao.samecity.enterprise.registry;

import java.time.Instant;

/** Where an enterprise has settled: a unit of a building of a project (held in projects-service). */
public record Settlement(String projectId, String buildingId, String unitId, Instant since) {
}

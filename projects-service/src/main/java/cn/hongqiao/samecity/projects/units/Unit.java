package cn.hongqiao.samecity.projects.units;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.seed.Source;
import cn.hongqiao.samecity.projects.project.Zone;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A unit (载体) enterprises move into: a floor area in a building, vacant, reserved, occupied or
 * in the owner's own use.
 *
 * <p>Who may hold it is decided in one atomic single-document update whose condition is the rule
 * itself ({@link #reservable}, {@link #occupiable}, {@link #releasable}): there are no
 * transactions, and under concurrent requests exactly one enterprise wins. The same enterprise
 * asking again matches the condition again and gets the same answer.
 */
@Document("units")
@CompoundIndex(name = "building_code", def = "{ 'buildingId': 1, 'code': 1 }", unique = true)
@CompoundIndex(name = "building_floor_code", def = "{ 'buildingId': 1, 'floor': 1, 'code': 1 }")
@CompoundIndex(name = "project_status_building_code", def = "{ 'projectId': 1, 'status': 1, 'buildingId': 1, 'code': 1 }")
@CompoundIndex(name = "zone_status", def = "{ 'zone': 1, 'status': 1 }")
@CompoundIndex(name = "holder", def = "{ 'holder.enterpriseId': 1 }")
public class Unit extends VersionedDocument {

    private final String buildingId;
    private final String code;
    private String projectId;
    private Zone zone;
    private Integer floor;
    private BigDecimal area;
    private UnitStatus status;
    private Holder holder;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    Unit(String buildingId, String code) {
        this.buildingId = buildingId;
        this.code = code;
    }

    static Unit of(Building building, Zone zone, NewUnit request) {
        if (request.status() == UnitStatus.RESERVED || request.status() == UnitStatus.OCCUPIED) {
            throw new RuleViolation("status", "unit-initial-status");
        }
        Unit unit = new Unit(building.id(), request.code());
        unit.projectId = building.projectId();
        unit.zone = zone;
        unit.floor = request.floor();
        unit.area = request.area();
        unit.status = Objects.requireNonNullElse(request.status(), UnitStatus.VACANT);
        unit.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        unit.sourceNote = request.sourceNote();
        return unit;
    }

    /** Vacant, or already reserved by this enterprise. */
    static Criteria reservable(String enterpriseId) {
        return new Criteria().orOperator(Criteria.where("status").is(UnitStatus.VACANT),
                heldBy(enterpriseId, UnitStatus.RESERVED));
    }

    /** Vacant, or reserved or occupied by this enterprise. */
    static Criteria occupiable(String enterpriseId) {
        return new Criteria().orOperator(Criteria.where("status").is(UnitStatus.VACANT),
                heldBy(enterpriseId, UnitStatus.RESERVED), heldBy(enterpriseId, UnitStatus.OCCUPIED));
    }

    /** Held (reserved or occupied) by this enterprise. */
    static Criteria releasable(String enterpriseId) {
        return Criteria.where("holder.enterpriseId").is(enterpriseId).and("status").in(UnitStatus.RESERVED, UnitStatus.OCCUPIED);
    }

    private static Criteria heldBy(String enterpriseId, UnitStatus status) {
        return Criteria.where("status").is(status).and("holder.enterpriseId").is(enterpriseId);
    }

    static Update hold(String enterpriseId, UnitStatus status, Instant now) {
        return new Update().set("status", status).set("holder", new Holder(enterpriseId, now)).inc("version", 1)
                .set("updatedAt", now);
    }

    static Update release(Instant now) {
        return new Update().set("status", UnitStatus.VACANT).unset("holder").inc("version", 1).set("updatedAt", now);
    }

    /** Whether this unit is held by {@code enterpriseId} with {@code status} (an idempotent repeat). */
    boolean heldBy(String enterpriseId, List<UnitStatus> statuses) {
        return holder != null && holder.enterpriseId().equals(enterpriseId) && statuses.contains(status);
    }

    public String buildingId() { return buildingId; }
    public String code() { return code; }
    public String projectId() { return projectId; }
    public Zone zone() { return zone; }
    public Integer floor() { return floor; }
    public BigDecimal area() { return area; }
    public UnitStatus status() { return status; }
    public Holder holder() { return holder; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}

package cn.hongqiao.samecity.projects.units;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.problem.StateConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reserving, occupying and releasing units for enterprises (what enterprise-service calls). Each
 * command is one conditional findAndModify: the condition is the rule in {@link Unit}; if it does
 * not match, the unit is read to tell "already yours" (the same answer again) from "held by
 * another enterprise" (409).
 */
@Component
class UnitDesk {

    private static final Logger log = LoggerFactory.getLogger(UnitDesk.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    UnitDesk(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Unit reserve(String unitId, String enterpriseId) {
        return hold(unitId, enterpriseId, UnitStatus.RESERVED, Unit.reservable(enterpriseId),
                List.of(UnitStatus.RESERVED, UnitStatus.OCCUPIED));
    }

    Unit occupy(String unitId, String enterpriseId) {
        return hold(unitId, enterpriseId, UnitStatus.OCCUPIED, Unit.occupiable(enterpriseId), List.of(UnitStatus.OCCUPIED));
    }

    Unit release(String unitId, String enterpriseId) {
        Unit released = mongo.findAndModify(byId(unitId).addCriteria(Unit.releasable(enterpriseId)), Unit.release(clock.instant()),
                FindAndModifyOptions.options().returnNew(true), Unit.class);
        if (released != null) {
            log.info("Unit {} released by enterprise {}", unitId, enterpriseId);
            return released;
        }
        Unit unit = find(unitId);
        if (unit.holder() == null) {
            return unit; // already free: releasing again is the same answer
        }
        throw heldByAnother(unit);
    }

    private Unit hold(String unitId, String enterpriseId, UnitStatus status, Criteria rule, List<UnitStatus> alreadyAnswered) {
        Unit unit = find(unitId);
        if (unit.heldBy(enterpriseId, alreadyAnswered)) {
            return unit; // the same enterprise asking again gets the same answer, unchanged
        }
        Unit held = mongo.findAndModify(byId(unitId).addCriteria(rule), Unit.hold(enterpriseId, status, clock.instant()),
                FindAndModifyOptions.options().returnNew(true), Unit.class);
        if (held != null) {
            log.info("Unit {} {} for enterprise {}", unitId, status, enterpriseId);
            return held;
        }
        Unit now = find(unitId);
        if (now.heldBy(enterpriseId, alreadyAnswered)) {
            return now; // a concurrent identical request won
        }
        throw heldByAnother(now);
    }

    private Unit find(String unitId) {
        Unit unit = mongo.findById(unitId, Unit.class);
        if (unit == null) {
            throw new NotFoundException("unit", unitId);
        }
        return unit;
    }

    private static Query byId(String unitId) {
        return Query.query(Criteria.where("_id").is(unitId));
    }

    private static StateConflict heldByAnother(Unit unit) {
        return new StateConflict("unit-held-by-another", Map.of("unitStatus", unit.status()),
                unit.code(), unit.status(), unit.status().label());
    }
}

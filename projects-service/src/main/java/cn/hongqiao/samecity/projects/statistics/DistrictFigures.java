package cn.hongqiao.samecity.projects.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.hongqiao.samecity.projects.dispatch.AnnualPlan;
import cn.hongqiao.samecity.projects.dispatch.DispatchReport;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.Stage;
import cn.hongqiao.samecity.projects.project.Warning;
import cn.hongqiao.samecity.projects.project.Zone;
import cn.hongqiao.samecity.projects.units.Unit;
import cn.hongqiao.samecity.projects.units.UnitStatus;
import org.bson.Document;
import org.bson.types.Decimal128;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The district's figures for the dashboard, computed by MongoDB aggregations ($group), not by
 * loading records: projects by stage and zone, investment, warnings by colour, unit vacancy.
 */
@Component
public class DistrictFigures {

    public record Vacancy(String group, long units, long vacantUnits, BigDecimal area, BigDecimal vacantArea, BigDecimal vacancyRate) {
    }

    public record Investment(BigDecimal totalPlanned, int year, BigDecimal plannedThisYear, BigDecimal completedThisYear) {
    }

    public record Figures(long projects, Map<Stage, Long> byStage, Map<Zone, Long> byZone, Investment investment,
            Map<Warning.Colour, Long> warnings, Vacancy vacancy) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    DistrictFigures(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Figures figures() {
        int year = LocalDate.now(clock).getYear();
        Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
        counts("stage", Project.class).forEach((k, v) -> byStage.put(Stage.valueOf(k), v));
        Map<Zone, Long> byZone = new EnumMap<>(Zone.class);
        counts("zone", Project.class).forEach((k, v) -> byZone.put(Zone.valueOf(k), v));
        Map<Warning.Colour, Long> warnings = new EnumMap<>(Warning.Colour.class);
        counts("warning.colour", Project.class).forEach((k, v) -> warnings.put(Warning.Colour.valueOf(k), v));
        Investment investment = new Investment(
                sum(Aggregation.newAggregation(Aggregation.group().sum("totalInvestment").as("total")), Project.class),
                year,
                sum(Aggregation.newAggregation(Aggregation.match(Criteria.where("year").is(year)),
                        Aggregation.group().sum("plannedInvestment").as("total")), AnnualPlan.class),
                sum(Aggregation.newAggregation(Aggregation.match(Criteria.where("year").is(year)),
                        Aggregation.group().sum("investmentCompleted").as("total")), DispatchReport.class));
        List<Vacancy> all = vacancy(null);
        Vacancy total = all.isEmpty() ? vacancyOf("all", 0, 0, BigDecimal.ZERO, BigDecimal.ZERO) : all.get(0);
        return new Figures(mongo.count(new org.springframework.data.mongodb.core.query.Query(), Project.class), byStage, byZone,
                investment, warnings, total);
    }

    /** Vacancy in total ({@code by} null), or per {@code zone} or {@code projectId}. */
    public List<Vacancy> vacancy(String by) {
        Aggregation aggregation = by == null
                ? Aggregation.newAggregation(Aggregation.group("status").count().as("units").sum("area").as("area"))
                : Aggregation.newAggregation(Aggregation.group(by, "status").count().as("units").sum("area").as("area"));
        Map<String, long[]> units = new LinkedHashMap<>();
        Map<String, BigDecimal[]> areas = new LinkedHashMap<>();
        for (Document row : mongo.aggregate(aggregation, Unit.class, Document.class).getMappedResults()) {
            Object id = row.get("_id");
            String group = by == null ? "all" : String.valueOf(id instanceof Document d ? d.get(by) : id);
            String status = id instanceof Document d ? String.valueOf(d.get("status")) : String.valueOf(id);
            boolean vacant = UnitStatus.VACANT.name().equals(status);
            long count = ((Number) row.get("units")).longValue();
            BigDecimal area = decimal(row.get("area"));
            long[] u = units.computeIfAbsent(group, g -> new long[2]);
            BigDecimal[] a = areas.computeIfAbsent(group, g -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
            u[0] += count;
            a[0] = a[0].add(area);
            if (vacant) {
                u[1] += count;
                a[1] = a[1].add(area);
            }
        }
        return units.keySet().stream().sorted()
                .map(g -> vacancyOf(g, units.get(g)[0], units.get(g)[1], areas.get(g)[0], areas.get(g)[1])).toList();
    }

    private static Vacancy vacancyOf(String group, long units, long vacantUnits, BigDecimal area, BigDecimal vacantArea) {
        BigDecimal rate = area.signum() == 0 ? BigDecimal.ZERO : vacantArea.divide(area, 4, RoundingMode.HALF_UP);
        return new Vacancy(group, units, vacantUnits, area, vacantArea, rate);
    }

    private Map<String, Long> counts(String field, Class<?> type) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Document row : mongo.aggregate(Aggregation.newAggregation(Aggregation.match(Criteria.where(field).ne(null)),
                Aggregation.group(field).count().as("count")), type, Document.class).getMappedResults()) {
            counts.put(String.valueOf(row.get("_id")), ((Number) row.get("count")).longValue());
        }
        return counts;
    }

    private BigDecimal sum(Aggregation aggregation, Class<?> type) {
        Document row = mongo.aggregate(aggregation, type, Document.class).getUniqueMappedResult();
        return row == null ? BigDecimal.ZERO : decimal(row.get("total"));
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.ZERO;
    }
}

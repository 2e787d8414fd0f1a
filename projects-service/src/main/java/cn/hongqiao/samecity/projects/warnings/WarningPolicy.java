package cn.hongqiao.samecity.projects.warnings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.hongqiao.samecity.projects.dispatch.InvestmentProgress;
import cn.hongqiao.samecity.projects.project.Project;
import cn.hongqiao.samecity.projects.project.Warning.Colour;
import cn.hongqiao.samecity.projects.project.Warning.Reason;
import cn.hongqiao.samecity.projects.project.Warning;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.jspecify.annotations.Nullable;

/**
 * The district's delay-warning rules (亮灯), with thresholds from configuration
 * ({@code projects.warnings.*}):
 * <ul>
 * <li>investment: the year-to-date share of the annual plan against the pro-rata share of the
 * months completed (through last month); behind by {@code yellowPointsBehind} percentage points
 * or more is yellow, by more than {@code redPointsBehind} red;</li>
 * <li>milestones: the planned start passed without construction started, or the planned finish
 * without completion accepted, is yellow; {@code redMonthsPastMilestone} months past is red.</li>
 * </ul>
 */
@ConfigurationProperties("projects.warnings")
public record WarningPolicy(@Nullable Integer yellowPointsBehind, @Nullable Integer redPointsBehind, @Nullable Integer redMonthsPastMilestone) {

    public WarningPolicy {
        yellowPointsBehind = yellowPointsBehind == null ? 10 : yellowPointsBehind;
        redPointsBehind = redPointsBehind == null ? 30 : redPointsBehind;
        redMonthsPastMilestone = redMonthsPastMilestone == null ? 3 : redMonthsPastMilestone;
        if (yellowPointsBehind < 0 || redPointsBehind < yellowPointsBehind || redMonthsPastMilestone < 1) {
            throw new IllegalArgumentException("projects.warnings: need 0 <= yellow-points-behind <= red-points-behind and red-months-past-milestone >= 1");
        }
    }

    /** The month whose dispatch is the latest that counts on {@code asOf}: last month. */
    public static YearMonth throughMonth(LocalDate asOf) {
        return YearMonth.from(asOf).minusMonths(1);
    }

    public Warning evaluate(Project project, Optional<InvestmentProgress> progress, LocalDate asOf) {
        List<Reason> reasons = new ArrayList<>();
        progress.ifPresent(p -> investment(p, asOf).ifPresent(reasons::add));
        if (project.plannedStart() != null && asOf.isAfter(project.plannedStart()) && !started(project)) {
            reasons.add(milestone("START_OVERDUE", "计划开工日期 " + project.plannedStart() + " 已过，尚未开工", project.plannedStart(), asOf));
        }
        if (project.plannedFinish() != null && asOf.isAfter(project.plannedFinish()) && !finished(project)) {
            reasons.add(milestone("FINISH_OVERDUE", "计划竣工日期 " + project.plannedFinish() + " 已过，尚未竣工验收", project.plannedFinish(), asOf));
        }
        return Warning.of(reasons, asOf);
    }

    private Optional<Reason> investment(InvestmentProgress p, LocalDate asOf) {
        if (p.year() != asOf.getYear() || p.plannedThisYear().signum() <= 0 || p.throughMonth() < 1) {
            return Optional.empty();
        }
        BigDecimal expected = BigDecimal.valueOf(p.throughMonth() * 100L).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
        BigDecimal actual = p.yearToDate().multiply(BigDecimal.valueOf(100)).divide(p.plannedThisYear(), 2, RoundingMode.HALF_UP);
        BigDecimal behind = expected.subtract(actual);
        Colour colour = behind.compareTo(BigDecimal.valueOf(redPointsBehind)) > 0 ? Colour.RED
                : behind.compareTo(BigDecimal.valueOf(yellowPointsBehind)) >= 0 ? Colour.YELLOW : null;
        if (colour == null) {
            return Optional.empty();
        }
        return Optional.of(new Reason("INVESTMENT_BEHIND", colour, "截至 " + p.year() + "年" + p.throughMonth() + "月，年度投资完成 "
                + actual.stripTrailingZeros().toPlainString() + "%，序时进度 " + expected.stripTrailingZeros().toPlainString()
                + "%，落后 " + behind.stripTrailingZeros().toPlainString() + " 个百分点"));
    }

    private Reason milestone(String code, String message, LocalDate planned, LocalDate asOf) {
        boolean red = !asOf.isBefore(planned.plus(redMonthsPastMilestone, ChronoUnit.MONTHS));
        return new Reason(code, red ? Colour.RED : Colour.YELLOW, message);
    }

    private static boolean started(Project project) {
        return project.actualStart() != null || project.hasStarted();
    }

    private static boolean finished(Project project) {
        return project.actualFinish() != null || project.hasFinished();
    }
}

package cn.hongqiao.samecity.projects.dispatch;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import cn.hongqiao.samecity.defaults.problem.ConflictException;
import cn.hongqiao.samecity.defaults.problem.NotFoundException;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.projects.project.ProjectChanged;
import cn.hongqiao.samecity.projects.project.ProjectRepository;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Annual plans and monthly dispatch reports of projects, and the investment progress derived
 * from them. Every change announces {@link ProjectChanged}, so the project's warning follows.
 */
@Component
public class DispatchLedger {

    /** A report with the year-to-date and cumulative figures derived up to its month. */
    public record ReportWithTotals(DispatchReport report, BigDecimal yearToDate, BigDecimal cumulative) {
    }

    private final ProjectRepository projects;
    private final AnnualPlanRepository plans;
    private final DispatchReportRepository reports;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DispatchLedger(ProjectRepository projects, AnnualPlanRepository plans, DispatchReportRepository reports,
            ApplicationEventPublisher events, Clock clock) {
        this.projects = projects;
        this.plans = plans;
        this.reports = reports;
        this.events = events;
        this.clock = clock;
    }

    AnnualPlan plan(String projectId, int year, BigDecimal plannedInvestment) {
        requireProject(projectId);
        AnnualPlan plan = plans.findByProjectIdAndYear(projectId, year)
                .map(existing -> {
                    existing.revise(plannedInvestment);
                    return existing;
                })
                .orElseGet(() -> AnnualPlan.of(projectId, year, plannedInvestment));
        AnnualPlan saved = plans.save(plan);
        events.publishEvent(new ProjectChanged(projectId));
        return saved;
    }

    List<AnnualPlan> plans(String projectId) {
        requireProject(projectId);
        return plans.findByProjectIdOrderByYear(projectId);
    }

    ReportWithTotals file(String projectId, NewDispatchReport request, String reportedBy) {
        requireProject(projectId);
        YearMonth period = request.yearMonth();
        if (period.isAfter(YearMonth.now(clock))) {
            throw new RuleViolation("period", "period-in-future");
        }
        if (reports.existsByProjectIdAndYearAndMonth(projectId, period.getYear(), period.getMonthValue())) {
            throw duplicate(period);
        }
        try {
            reports.insert(DispatchReport.file(projectId, request, reportedBy, clock.instant()));
        } catch (DuplicateKeyException raced) {
            throw duplicate(period);
        }
        events.publishEvent(new ProjectChanged(projectId));
        return reports(projectId).stream().filter(r -> r.report().period().equals(period)).findFirst().orElseThrow();
    }

    /** Every report of a project in order, with year-to-date and cumulative totals derived here. */
    List<ReportWithTotals> reports(String projectId) {
        requireProject(projectId);
        BigDecimal cumulative = BigDecimal.ZERO;
        BigDecimal yearToDate = BigDecimal.ZERO;
        int year = 0;
        List<ReportWithTotals> result = new java.util.ArrayList<>();
        for (DispatchReport report : reports.findByProjectIdOrderByYearAscMonthAsc(projectId)) {
            if (report.period().getYear() != year) {
                year = report.period().getYear();
                yearToDate = BigDecimal.ZERO;
            }
            yearToDate = yearToDate.add(report.investmentCompleted());
            cumulative = cumulative.add(report.investmentCompleted());
            result.add(new ReportWithTotals(report, yearToDate, cumulative));
        }
        return result;
    }

    /** The project's progress through {@code month}: its plan for that year (if any) and what was completed. */
    public Optional<InvestmentProgress> progress(String projectId, YearMonth through) {
        Optional<AnnualPlan> plan = plans.findByProjectIdAndYear(projectId, through.getYear());
        BigDecimal yearToDate = BigDecimal.ZERO;
        BigDecimal cumulative = BigDecimal.ZERO;
        for (DispatchReport report : reports.findByProjectIdOrderByYearAscMonthAsc(projectId)) {
            if (report.period().isAfter(through)) {
                break;
            }
            cumulative = cumulative.add(report.investmentCompleted());
            if (report.period().getYear() == through.getYear()) {
                yearToDate = yearToDate.add(report.investmentCompleted());
            }
        }
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InvestmentProgress(through.getYear(), through.getMonthValue(), plan.get().plannedInvestment(),
                yearToDate, cumulative));
    }

    private void requireProject(String projectId) {
        if (!projects.existsById(projectId)) {
            throw new NotFoundException("project", projectId);
        }
    }

    private static ConflictException duplicate(YearMonth period) {
        return new ConflictException("dispatch-report-exists", period.toString());
    }
}

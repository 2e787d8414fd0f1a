package cn.hongqiao.samecity.projects.dispatch;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import cn.hongqiao.samecity.defaults.openapi.Answers;
import cn.hongqiao.samecity.defaults.web.ListView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * <code>/api/v1/projects/{id}/annual-plans</code> and {@code /dispatch-reports}: the year's planned
 * investment and the monthly dispatch (月度调度). Reads are public; officers file.
 */
@Tag(name = "dispatch")
@RestController
@RequestMapping("/api/v1/projects/{projectId}")
class DispatchController {

    record PlanRequest(@NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal plannedInvestment) {
    }

    record PlanView(int year, BigDecimal plannedInvestment, long version) {
        static PlanView of(AnnualPlan plan) {
            return new PlanView(plan.year(), plan.plannedInvestment(), plan.version());
        }
    }

    record ReportView(YearMonth period, BigDecimal investmentCompleted, BigDecimal yearToDate, BigDecimal cumulative,
            @Nullable String imageProgress, @Nullable Integer workersOnSite, List<String> problems, String reportedBy) {
        static ReportView of(DispatchLedger.ReportWithTotals r) {
            DispatchReport report = r.report();
            return new ReportView(report.period(), report.investmentCompleted(), r.yearToDate(), r.cumulative(),
                    report.imageProgress(), report.workersOnSite(), report.problems(), report.reportedBy());
        }
    }

    private final DispatchLedger ledger;

    DispatchController(DispatchLedger ledger) {
        this.ledger = ledger;
    }

    /** Sets a project's planned investment (万元) for a year; the delay warning measures the year's progress against it. */
    @PutMapping("/annual-plans/{year}")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    PlanView setAnnualPlan(@PathVariable String projectId, @PathVariable @Min(2000) @Max(2100) int year,
            @Valid @RequestBody PlanRequest request) {
        return PlanView.of(ledger.plan(projectId, year, request.plannedInvestment()));
    }

    /** A project's annual investment plans. */
    @GetMapping("/annual-plans")
    ListView<PlanView> listAnnualPlans(@PathVariable String projectId) {
        return ListView.of(ledger.plans(projectId).stream().map(PlanView::of).toList());
    }

    /**
     * Files the monthly dispatch report (月度调度) of a project: one per month, no future month; totals
     * are derived, never taken from the client.
     */
    @PostMapping("/dispatch-reports")
    @PreAuthorize("hasAnyRole('OFFICER', 'ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Answers(status = 201, problems = "dispatch-report-exists")
    ReportView fileDispatchReport(@PathVariable String projectId, @Valid @RequestBody NewDispatchReport request, Authentication caller) {
        return ReportView.of(ledger.file(projectId, request, caller.getName()));
    }

    /** A project's monthly dispatch reports, each with the year-to-date and cumulative investment the service derives. */
    @GetMapping("/dispatch-reports")
    ListView<ReportView> listDispatchReports(@PathVariable String projectId) {
        return ListView.of(ledger.reports(projectId).stream().map(ReportView::of).toList());
    }
}

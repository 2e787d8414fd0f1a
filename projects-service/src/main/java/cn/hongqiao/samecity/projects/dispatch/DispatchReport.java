package cn.hongqiao.samecity.projects.dispatch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A monthly dispatch report (月度调度): what a project completed in one month. One per project and
 * month; year-to-date and cumulative figures are derived from the reports, never taken from the
 * client.
 */
@Document("dispatchReports")
@CompoundIndex(name = "project_period", def = "{ 'projectId': 1, 'year': 1, 'month': 1 }", unique = true)
@CompoundIndex(name = "year_month", def = "{ 'year': 1, 'month': 1 }")
public class DispatchReport extends VersionedDocument {

    private final String projectId;
    private final int year;
    private final int month;
    /** 万元 completed in this month. */
    private BigDecimal investmentCompleted;
    private String imageProgress;
    private Integer workersOnSite;
    private List<String> problems;
    private String reportedBy;
    private Instant reportedAt;

    @PersistenceCreator
    DispatchReport(String projectId, int year, int month) {
        this.projectId = projectId;
        this.year = year;
        this.month = month;
    }

    static DispatchReport file(String projectId, NewDispatchReport request, String reportedBy, Instant reportedAt) {
        YearMonth period = request.yearMonth();
        DispatchReport report = new DispatchReport(projectId, period.getYear(), period.getMonthValue());
        report.investmentCompleted = request.investmentCompleted();
        report.imageProgress = request.imageProgress();
        report.workersOnSite = request.workersOnSite();
        report.problems = request.problems() == null ? List.of() : List.copyOf(request.problems());
        report.reportedBy = reportedBy;
        report.reportedAt = reportedAt;
        return report;
    }

    public String projectId() { return projectId; }
    public YearMonth period() { return YearMonth.of(year, month); }
    public BigDecimal investmentCompleted() { return investmentCompleted; }
    public String imageProgress() { return imageProgress; }
    public Integer workersOnSite() { return workersOnSite; }
    public List<String> problems() { return problems == null ? List.of() : problems; }
    public String reportedBy() { return reportedBy; }
    public Instant reportedAt() { return reportedAt; }
}

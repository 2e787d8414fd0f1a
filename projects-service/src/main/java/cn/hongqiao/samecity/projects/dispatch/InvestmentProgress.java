package cn.hongqiao.samecity.projects.dispatch;

import java.math.BigDecimal;

/**
 * A project's investment as of a month, derived from its plan and reports: the year's plan, what
 * was completed in the year up to that month, and since the first report.
 */
public record InvestmentProgress(int year, int throughMonth, BigDecimal plannedThisYear, BigDecimal yearToDate,
        BigDecimal cumulative) {
}

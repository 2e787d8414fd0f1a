package cn.hongqiao.samecity.projects.dispatch;

import java.math.BigDecimal;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A project's investment plan for one year (年度计划), in 万元. One per project and year. */
@Document("annualPlans")
@CompoundIndex(name = "project_year", def = "{ 'projectId': 1, 'year': 1 }", unique = true)
@CompoundIndex(name = "year", def = "{ 'year': 1 }")
public class AnnualPlan extends VersionedDocument {

    private final String projectId;
    private final int year;
    private BigDecimal plannedInvestment;

    @PersistenceCreator
    AnnualPlan(String projectId, int year) {
        this.projectId = projectId;
        this.year = year;
    }

    static AnnualPlan of(String projectId, int year, BigDecimal plannedInvestment) {
        AnnualPlan plan = new AnnualPlan(projectId, year);
        plan.plannedInvestment = plannedInvestment;
        return plan;
    }

    void revise(BigDecimal plannedInvestment) {
        this.plannedInvestment = plannedInvestment;
    }

    public String projectId() { return projectId; }
    public int year() { return year; }
    public BigDecimal plannedInvestment() { return plannedInvestment; }
}

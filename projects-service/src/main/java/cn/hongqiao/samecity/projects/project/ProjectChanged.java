package cn.hongqiao.samecity.projects.project;

/**
 * Published when something a project's delay warning depends on changed: its stage or planned
 * dates, its annual plan, or its dispatch reports.
 */
public record ProjectChanged(String projectId) {
}

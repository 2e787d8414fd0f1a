package cn.hongqiao.samecity.gateway.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/** The dashboard's sections: what each reads from which service, and with whose token. */
public final class DashboardSections {

    record Part(String service, String path, boolean withToken) {
    }

    /** Section name → what it reads. Adding a section is one line. */
    static final Map<String, Part> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("projects", new Part("projects-service", "/api/v1/project-statistics", false));
        SECTIONS.put("redWarnings", new Part("projects-service", "/api/v1/warnings?colour=RED&size=5", false));
        SECTIONS.put("soeBranches", new Part("enterprise-service", "/api/v1/soe-branches/summary", false));
        SECTIONS.put("enterprises", new Part("enterprise-service", "/api/v1/enterprises?size=1", false));
        SECTIONS.put("leadFunnel", new Part("enterprise-service", "/api/v1/leads/funnel", true));
        SECTIONS.put("serviceFigures", new Part("services-service", "/api/v1/service-figures", false));
        SECTIONS.put("serviceItems", new Part("services-service", "/api/v1/service-items?size=1", false));
        SECTIONS.put("medicalInstitutions", new Part("services-service", "/api/v1/medical-institutions?size=1", false));
        SECTIONS.put("openApplications", new Part("services-service", "/api/v1/applications?status=IN_PROGRESS&size=1", true));
        SECTIONS.put("overdueApplications", new Part("services-service", "/api/v1/applications/overdue?size=1", true));
    }

    private DashboardSections() {
    }

    /** Each section and the service operation (GET path) whose answer is its data, for the platform's API document. */
    public static Map<String, String> sources() {
        Map<String, String> sources = new LinkedHashMap<>();
        SECTIONS.forEach((name, part) -> sources.put(name, part.path().replaceAll("\\?.*", "")));
        return sources;
    }
}

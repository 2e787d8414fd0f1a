package cn.hongqiao.samecity.projects.enterprises;

import java.util.List;

import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/** The enterprises settled in a project, as a project's detail shows them. */
@Component
public class SettledEnterprises {

    /** Shown in a project's detail; {@code available=false} means "not known now", never "none". */
    public record Section(boolean available, @Nullable String unavailableReason, long total, List<EnterpriseDirectory.EnterpriseSummary> items) {
    }

    static final int MAX = 100;

    private final EnterpriseDirectory directory;

    SettledEnterprises(EnterpriseDirectory directory) {
        this.directory = directory;
    }

    public Section of(String projectId) {
        EnterpriseDirectory.EnterprisePage page = directory.settledIn(projectId, MAX);
        if (page == null || !page.available()) {
            return new Section(false, page == null ? "malformed-response" : page.unavailableReason(), 0, List.of());
        }
        List<EnterpriseDirectory.EnterpriseSummary> items = page.items() == null ? List.of() : page.items();
        return new Section(true, null, page.totalItems(), items);
    }
}

package cn.hongqiao.samecity.projects.project;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.jspecify.annotations.Nullable;

public interface ProjectSearch {

    record Filter(@Nullable Zone zone, @Nullable Stage stage, @Nullable Category category, @Nullable String name) {
    }

    Page<Project> search(Filter filter, Pageable pageable);
}

package cn.hongqiao.samecity.projects.project;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

public interface ProjectSearch {

    record Filter(Zone zone, Stage stage, Category category, String name) {
    }

    Page<Project> search(Filter filter, Pageable pageable);
}

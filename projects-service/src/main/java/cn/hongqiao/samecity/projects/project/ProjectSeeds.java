package cn.hongqiao.samecity.projects.project;

import cn.hongqiao.samecity.defaults.seed.SeedSet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Seed files with {@code "set": "projects"} hold {@link NewProject} records, keyed by code. */
@Configuration(proxyBeanMethods = false)
class ProjectSeeds {

    @Bean
    SeedSet<NewProject> projectSeedSet() {
        return SeedSet.of("projects", NewProject.class, Project::register, "code");
    }
}

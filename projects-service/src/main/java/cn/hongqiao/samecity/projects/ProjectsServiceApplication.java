package cn.hongqiao.samecity.projects;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Key projects, their stages, dispatch reports, delay warnings, buildings and units. */
@SpringBootApplication
public class ProjectsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectsServiceApplication.class, args);
    }
}

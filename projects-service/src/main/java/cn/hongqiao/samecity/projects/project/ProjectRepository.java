package cn.hongqiao.samecity.projects.project;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ProjectRepository extends MongoRepository<Project, String>, ProjectSearch {

    boolean existsByCode(String code);

    java.util.Optional<Project> findByCode(String code);
}

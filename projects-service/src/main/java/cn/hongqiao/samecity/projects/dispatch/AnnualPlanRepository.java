package cn.hongqiao.samecity.projects.dispatch;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

interface AnnualPlanRepository extends MongoRepository<AnnualPlan, String> {

    Optional<AnnualPlan> findByProjectIdAndYear(String projectId, int year);

    List<AnnualPlan> findByProjectIdOrderByYear(String projectId);
}

package cn.hongqiao.samecity.projects.dispatch;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

interface DispatchReportRepository extends MongoRepository<DispatchReport, String> {

    List<DispatchReport> findByProjectIdOrderByYearAscMonthAsc(String projectId);

    boolean existsByProjectIdAndYearAndMonth(String projectId, int year, int month);
}

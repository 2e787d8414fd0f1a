package cn.hongqiao.samecity.projects.units;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

interface BuildingRepository extends MongoRepository<Building, String> {

    List<Building> findByProjectIdOrderByName(String projectId);

    boolean existsByProjectIdAndName(String projectId, String name);
}

package cn.hongqiao.samecity.projects.units;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

interface UnitRepository extends MongoRepository<Unit, String> {

    List<Unit> findByBuildingIdOrderByFloorAscCodeAsc(String buildingId);

    boolean existsByBuildingIdAndCode(String buildingId, String code);
}

package cn.hongqiao.samecity.projects.units;

import java.math.BigDecimal;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A building of a project (a renovated factory, an office building...). */
@Document("buildings")
@CompoundIndex(name = "project_name", def = "{ 'projectId': 1, 'name': 1 }", unique = true)
public class Building extends VersionedDocument {

    private final String projectId;
    private final String name;
    private BuildingKind kind;
    private BigDecimal floorArea;
    private Integer floors;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    Building(String projectId, String name) {
        this.projectId = projectId;
        this.name = name;
    }

    static Building of(String projectId, NewBuilding request) {
        Building building = new Building(projectId, request.name());
        building.kind = request.kind();
        building.floorArea = request.floorArea();
        building.floors = request.floors();
        building.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        building.sourceNote = request.sourceNote();
        return building;
    }

    public String projectId() { return projectId; }
    public String name() { return name; }
    public BuildingKind kind() { return kind; }
    public BigDecimal floorArea() { return floorArea; }
    public Integer floors() { return floors; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}

package cn.hongqiao.samecity.projects.project;

import java.util.List;

import cn.hongqiao.samecity.defaults.seed.SeedLoader;
import cn.hongqiao.samecity.defaults.seed.Source;
import cn.hongqiao.samecity.testsupport.ServiceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/** The district's projects as the article names them, loaded from the packaged seed files. */
@ServiceTest
class ProjectSeedsTest {

    @Autowired
    SeedLoader seeds;
    @Autowired
    MongoTemplate mongo;

    @Test
    void everyProjectTheArticleNamesIsSeededOnceWithItsStageAndSource() {
        mongo.remove(new Query(), Project.class);
        mongo.remove(new Query(), "buildings");
        mongo.remove(new Query(), "units");
        List<SeedLoader.FileReport> first = seeds.load("classpath*:seeds/projects/*.json");
        List<SeedLoader.FileReport> second = seeds.load("classpath*:seeds/projects/*.json");
        assertThat(second).allSatisfy(r -> assertThat(r.inserted()).isZero());

        List<Project> all = mongo.findAll(Project.class);
        assertThat(all).hasSize(first.stream().filter(r -> r.set().equals("projects")).mapToInt(SeedLoader.FileReport::records).sum());
        assertThat(all).extracting(Project::name).contains("京津冀工业软件产业基地", "西站南项目", "西站东山姆四代旗舰店",
                "西站北西于庄6号地", "耀华中学红桥学校周边城更项目", "中国煤科天津总部基地", "西站西片区",
                "北京大兴国际机场天津西站城市航站楼", "西站南广场", "西站西欧亚达", "邵公庄南智慧颐养", "西站北同义庄",
                "中煤科工天津总部基地", "艺点意创全国总部", "粤浦科技天津智创中心", "光荣道科技产业园", "天商数字商务科创园",
                "鑫恩华创意产业园");
        assertThat(all).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo(Source.ARTICLE);
            assertThat(p.sourceNote()).isNotBlank();
        });

        Project base = mongo.findOne(Query.query(Criteria.where("name").is("京津冀工业软件产业基地")), Project.class);
        assertThat(base.floorArea()).isEqualByComparingTo("60000");
        assertThat(base.expectedEnterprises()).isEqualTo(50);
        assertThat(base.expectedJobs()).isEqualTo(10000);
        assertThat(mongo.findOne(Query.query(Criteria.where("name").is("西站西片区")), Project.class).stage()).isEqualTo(Stage.PREPARATION);
        assertThat(mongo.findOne(Query.query(Criteria.where("name").is("西站北同义庄")), Project.class).stage()).isEqualTo(Stage.PLANNING);
    }

    @Test
    void theIndustrialSoftwareBaseHasItsTwelveBuildingsAndIllustrativeUnits() {
        mongo.remove(new Query(), Project.class);
        mongo.remove(new Query(), "buildings");
        mongo.remove(new Query(), "units");
        seeds.load("classpath*:seeds/projects/*.json");
        assertThat(seeds.load("classpath*:seeds/projects/*.json")).allSatisfy(r -> assertThat(r.inserted()).isZero());

        Project base = mongo.findOne(Query.query(Criteria.where("code").is("HQ-PRJ-001")), Project.class);
        var buildings = mongo.find(Query.query(Criteria.where("projectId").is(base.id())), org.bson.Document.class, "buildings");
        assertThat(buildings).hasSize(12);
        assertThat(buildings.stream().collect(java.util.stream.Collectors.groupingBy(b -> b.getString("kind"),
                java.util.stream.Collectors.counting())))
                .containsEntry("RENOVATED_FACTORY", 6L).containsEntry("OFFICE", 4L)
                .containsEntry("COMPUTING_CENTRE", 1L).containsEntry("TALENT_APARTMENT", 1L);
        var units = mongo.find(Query.query(Criteria.where("projectId").is(base.id())), org.bson.Document.class, "units");
        assertThat(units).isNotEmpty().allSatisfy(u -> {
            assertThat(u.getString("source")).isEqualTo("ILLUSTRATIVE");
            assertThat(u.getString("zone")).isEqualTo("CORE_BUSINESS");
        });
    }
}

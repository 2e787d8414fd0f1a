package cn.hongqiao.samecity.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.hongqiao.samecity.testsupport.QueryShapes.Index;
import cn.hongqiao.samecity.testsupport.QueryShapes.Shape;
import cn.hongqiao.samecity.testsupport.QueryShapes.SortKey;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A real MongoDB's rules for whether an index serves a query, as the recorder applies them. */
class QueryShapesTest {

    private static List<SortKey> keys(String... fieldsAndDirections) {
        List<SortKey> keys = new java.util.ArrayList<>();
        for (String key : fieldsAndDirections) {
            keys.add(key.startsWith("-") ? new SortKey(key.substring(1), -1) : new SortKey(key, 1));
        }
        return keys;
    }

    private static Shape shape(Set<String> equality, List<SortKey> sort, Set<String> range) {
        return new Shape("applications", equality, sort, range);
    }

    @Test
    void anIndexServesAQueryThatNamesItsFirstKey() {
        assertThat(QueryShapes.serves(keys("department", "status"), shape(Set.of("department"), List.of(), Set.of()))).isTrue();
        assertThat(QueryShapes.serves(keys("department", "status"), shape(Set.of("status"), List.of(), Set.of())))
                .as("not its prefix").isFalse();
        assertThat(QueryShapes.serves(keys("submittedAt"), shape(Set.of(), List.of(), Set.of("submittedAt")))).as("a range on it").isTrue();
    }

    @Test
    void aSortedQueryNeedsTheSortRightAfterEqualityFields() {
        Shape byDepartmentNewestFirst = shape(Set.of("department"), keys("-submittedAt"), Set.of());
        assertThat(QueryShapes.serves(keys("department", "-submittedAt"), byDepartmentNewestFirst)).isTrue();
        assertThat(QueryShapes.serves(keys("department", "submittedAt"), byDepartmentNewestFirst)).as("walked backwards").isTrue();
        assertThat(QueryShapes.serves(keys("department", "status", "-submittedAt"), byDepartmentNewestFirst))
                .as("status is not matched, so the sort does not follow the equality fields").isFalse();
        assertThat(QueryShapes.serves(keys("department"), byDepartmentNewestFirst)).as("an in-memory sort").isFalse();
        assertThat(QueryShapes.serves(keys("-submittedAt"), byDepartmentNewestFirst)).as("sort first, filter after: still no scan").isTrue();
        assertThat(QueryShapes.serves(keys("a", "-b"), shape(Set.of("a"), keys("b", "c"), Set.of()))).isFalse();
        assertThat(QueryShapes.serves(keys("a", "b", "-c"), shape(Set.of("a"), keys("b", "c"), Set.of()))).as("mixed directions").isFalse();
        assertThat(QueryShapes.serves(keys("projectId", "status", "buildingId", "code"),
                shape(Set.of("projectId", "status"), keys("projectId", "buildingId", "code"), Set.of())))
                .as("a sort key matched by equality orders nothing").isTrue();
    }

    @Test
    void filtersAreReadAsEqualitySortAndRange() {
        QueryShapes recorder = new QueryShapes();
        recorder.record("applications", BsonDocument.parse("""
                {"department": "红桥区民政局", "status": {"$in": ["SUBMITTED", "ACCEPTED"]}, "dueOn": {"$lt": {"$date": "2026-12-01T00:00:00Z"}},
                 "$or": [{"applicant.idHash": "x"}, {"enterpriseId": "e"}]}
                """), BsonDocument.parse("{\"submittedAt\": -1}"));
        assertThat(recorder.recordedShapes()).containsExactlyInAnyOrder(
                new Shape("applications", Set.of("department", "status", "applicant.idHash"), keys("-submittedAt"), Set.of("dueOn")),
                new Shape("applications", Set.of("department", "status", "enterpriseId"), keys("-submittedAt"), Set.of("dueOn")));
    }

    @Test
    void anElementMatchNamesTheFieldsOfTheArraysElements() {
        QueryShapes recorder = new QueryShapes();
        recorder.record("applications", BsonDocument.parse("""
                {"status": {"$nin": ["WITHDRAWN"]}, "legs": {"$elemMatch": {"kind": "PUSH", "doneOn": null, "dueOn": {"$lt": "2026-12-01"}}}}
                """), new BsonDocument());
        Shape shape = recorder.recordedShapes().iterator().next();
        assertThat(shape).isEqualTo(new Shape("applications", Set.of("legs.kind", "legs.doneOn"), List.of(), Set.of("status", "legs.dueOn")));
        assertThat(QueryShapes.serves(keys("legs.dueOn"), shape)).isTrue();
    }

    @Test
    void anUnservedQueryIsListedWithTheIndexThatWouldServeIt() {
        Shape shape = shape(Set.of("status", "department"), keys("-submittedAt"), Set.of("dueOn"));
        List<String> unserved = QueryShapes.unserved(List.of(shape, shape(Set.of("_id"), List.of(), Set.of())),
                Map.of("applications", List.of(new Index("applications", "status", keys("status")))));
        assertThat(unserved).singleElement().asString()
                .startsWith("applications equal [department, status] sort [submittedAt: -1] range [dueOn]: no declared index serves it")
                .contains("one that would: {department: 1, status: 1, submittedAt: -1, dueOn: 1}");
    }
}

package cn.hongqiao.samecity.testsupport;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query the service's tests sent to MongoDB is served by an index the service declares, by a
 * real MongoDB's rules ({@link QueryShapes}): the check the embedded server cannot make, standing in
 * for explain plans until a real MongoDB runs the tests. Runs after the module's other test classes
 * (the build orders classes by {@link Order}; this one is last), over what they recorded. A
 * service's test extends this class, gives it {@code @Order(Integer.MAX_VALUE)}, and adds nothing
 * unless a query is meant to scan ({@link #scansOnPurpose}).
 */
public abstract class QueriesAreServedByIndexes {

    /** Shapes (as {@link QueryShapes.Shape#toString} prints them) that scan on purpose, each with its reason in a comment. */
    protected Set<String> scansOnPurpose() {
        return Set.of();
    }

    @Test
    void everyQueryTheTestsSentIsServedByADeclaredIndex() {
        Set<QueryShapes.Shape> shapes = QueryShapes.recorded();
        if (shapes.isEmpty()) {
            return; // run alone: nothing was recorded to judge
        }
        List<String> unserved = QueryShapes.unserved(shapes.stream().filter(s -> !scansOnPurpose().contains(s.toString().trim())).toList(),
                QueryShapes.declaredIndexes());
        assertThat(unserved).as("queries no declared index serves (%d shapes recorded)", shapes.size()).isEmpty();
    }
}

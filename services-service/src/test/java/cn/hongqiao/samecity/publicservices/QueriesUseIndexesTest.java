package cn.hongqiao.samecity.publicservices;

import cn.hongqiao.samecity.testsupport.QueriesAreServedByIndexes;
import org.junit.jupiter.api.Order;

/** Every query this service's tests sent is served by an index it declares (last: it judges what the others recorded). */
@Order(Integer.MAX_VALUE)
class QueriesUseIndexesTest extends QueriesAreServedByIndexes {
}

/** In this package nothing is null unless its type says {@code @Nullable} (JSpecify); the API documents say the same. */
@NullMarked
package cn.hongqiao.samecity.gateway.audit;

import org.jspecify.annotations.NullMarked;

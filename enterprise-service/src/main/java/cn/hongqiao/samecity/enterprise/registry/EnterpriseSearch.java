package cn.hongqiao.samecity.enterprise.registry;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.jspecify.annotations.Nullable;

public interface EnterpriseSearch {

    record Filter(@Nullable String creditCode, @Nullable EnterpriseKind kind, @Nullable String parentGroup, @Nullable String originRegion, @Nullable String chain, @Nullable String settledProject, @Nullable String name) {
    }

    Page<Enterprise> search(Filter filter, Pageable pageable);
}

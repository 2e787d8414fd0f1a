package cn.hongqiao.samecity.enterprise.registry;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

public interface EnterpriseSearch {

    record Filter(String creditCode, EnterpriseKind kind, String parentGroup, String originRegion, String chain, String settledProject, String name) {
    }

    Page<Enterprise> search(Filter filter, Pageable pageable);
}

package cn.hongqiao.samecity.publicservices.items;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.jspecify.annotations.Nullable;

public interface ServiceItemSearch {

    record Filter(@Nullable String partnerRegion, @Nullable HandlingMode handlingMode, @Nullable String department, @Nullable String name) {
    }

    Page<ServiceItem> search(Filter filter, Pageable pageable);
}

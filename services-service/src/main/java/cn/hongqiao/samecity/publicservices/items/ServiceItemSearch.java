package cn.hongqiao.samecity.publicservices.items;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

public interface ServiceItemSearch {

    record Filter(String partnerRegion, HandlingMode handlingMode, String department, String name) {
    }

    Page<ServiceItem> search(Filter filter, Pageable pageable);
}

package cn.hongqiao.samecity.publicservices.items;

import cn.hongqiao.samecity.defaults.seed.SeedSet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Seed files with {@code "set": "service-items"} hold {@link NewServiceItem} records, keyed by code. */
@Configuration(proxyBeanMethods = false)
class ServiceItemSeeds {

    @Bean
    SeedSet<NewServiceItem> serviceItemSeedSet() {
        return SeedSet.of("service-items", NewServiceItem.class, ServiceItem::catalogue, "code");
    }
}

package cn.hongqiao.samecity.enterprise.registry;

import cn.hongqiao.samecity.defaults.seed.SeedSet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Seed files with {@code "set": "enterprises"} hold {@link NewEnterprise} records, keyed by name (not
 * every one has a public credit code).
 */
@Configuration(proxyBeanMethods = false)
class EnterpriseSeeds {

    @Bean
    SeedSet<NewEnterprise> enterpriseSeedSet() {
        return SeedSet.of("enterprises", NewEnterprise.class, Enterprise::register, "name");
    }
}

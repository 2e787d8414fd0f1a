package cn.hongqiao.samecity.gateway.apidocs;

import java.util.LinkedHashSet;
import java.util.Set;

import cn.hongqiao.samecity.gateway.routes.BackendServices;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's Swagger UI lists every service's API, read through the gateway at
 * {@code /api-docs/<service>}; the list comes from {@link BackendServices}, so it cannot drift.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    SmartInitializingSingleton serviceApiDocs(SwaggerUiConfigProperties swaggerUi, BackendServices backends) {
        return () -> {
            Set<SwaggerUrl> urls = new LinkedHashSet<>();
            backends.services().keySet().forEach(name -> urls.add(new SwaggerUrl(name, "/api-docs/" + name, name)));
            swaggerUi.setUrls(urls);
            backends.services().keySet().stream().findFirst().ifPresent(swaggerUi::setUrlsPrimaryName);
        };
    }
}

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
 * The gateway's Swagger UI shows the platform's whole document ({@code /v3/api-docs}) first, then
 * each service's, read through the gateway at {@code /api-docs/<service>}, and the gateway's own;
 * the list comes from {@link BackendServices}, so it cannot drift.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    SmartInitializingSingleton serviceApiDocs(SwaggerUiConfigProperties swaggerUi, BackendServices backends) {
        return () -> {
            Set<SwaggerUrl> urls = new LinkedHashSet<>();
            urls.add(new SwaggerUrl("platform", "/v3/api-docs", "platform (all operations)"));
            backends.services().keySet().forEach(name -> urls.add(new SwaggerUrl(name, "/api-docs/" + name, name)));
            urls.add(new SwaggerUrl(PlatformDocument.GATEWAY, PlatformDocumentController.OWN_DOCUMENT, PlatformDocument.GATEWAY));
            swaggerUi.setUrls(urls);
            swaggerUi.setUrlsPrimaryName("platform");
        };
    }
}

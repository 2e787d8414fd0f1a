package cn.hongqiao.samecity.gateway.portal;

import java.time.Duration;
import java.util.Arrays;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The portal's built files, served from {@code spring.web.resources.static-locations}: Vite names
 * every file under {@code assets/} by a hash of its content, so a browser may keep them for a year
 * without asking again ({@code immutable}); a new build has new names, reached through
 * {@code index.html}, which (like {@code portal-config.json}) is answered fresh every time.
 */
@Configuration(proxyBeanMethods = false)
class PortalFiles implements WebFluxConfigurer {

    static final CacheControl HASHED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final WebProperties web;

    PortalFiles(WebProperties web) {
        this.web = web;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String[] assets = Arrays.stream(web.getResources().getStaticLocations())
                .map(location -> (location.endsWith("/") ? location : location + "/") + "assets/")
                .toArray(String[]::new);
        registry.addResourceHandler("/assets/**").addResourceLocations(assets).setCacheControl(HASHED);
    }
}

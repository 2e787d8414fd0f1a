package cn.hongqiao.samecity.defaults.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Every service's OpenAPI document names the service and declares the bearer-token scheme. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    public static final String BEARER = "bearer-jwt";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(Environment env) {
        String name = env.getProperty("spring.application.name", "service");
        return new OpenAPI()
                .info(new Info().title("京津冀同城商务区 · " + name)
                        .description(env.getProperty("platform.api.description", "Hongqiao District same-city business district platform"))
                        .version(env.getProperty("platform.api.version", "v1")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An OIDC access token; locally, one from POST /api/v1/local/tokens at the gateway")));
    }
}

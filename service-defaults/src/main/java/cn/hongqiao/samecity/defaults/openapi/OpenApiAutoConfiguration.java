package cn.hongqiao.samecity.defaults.openapi;

import java.util.List;
import java.util.Map;

import cn.hongqiao.samecity.defaults.problem.ProblemMessages;
import cn.hongqiao.samecity.defaults.problem.ProblemMessagesAutoConfiguration;
import cn.hongqiao.samecity.defaults.seed.SeedSet;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.providers.JavadocProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service's OpenAPI document states the platform's contract, generated from the code: the
 * service, the gateway's public address as its server, the bearer-token scheme, and through
 * {@link PlatformApiDocument} each operation's security, statuses, headers and problems; enums are
 * named schemas that say what each value means ({@link EnumLabels}).
 */
@AutoConfiguration(after = ProblemMessagesAutoConfiguration.class)
@ConditionalOnClass({ OpenAPI.class, org.springdoc.core.customizers.GlobalOperationCustomizer.class })
public class OpenApiAutoConfiguration {

    public static final String BEARER = "bearer-jwt";

    static {
        ModelResolver.enumsAsRef = true; // one named schema per enum, not a copy inline at every use
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(Environment env) {
        String name = env.getProperty("spring.application.name", "service");
        return new OpenAPI()
                .info(new Info().title("京津冀同城商务区 · " + name)
                        .description(env.getProperty("platform.api.description",
                                "Hongqiao District (Tianjin) Jing-Jin-Ji same-city business district platform: " + name
                                        + ". Reached through the gateway; errors are RFC 9457 problems (docs/problems/)."))
                        .version(env.getProperty("platform.api.version", "1.0.0"))
                        .contact(new Contact().name(env.getProperty("platform.api.contact.name", "红桥区京津冀同城商务区平台组"))
                                .email(env.getProperty("platform.api.contact.email"))
                                .url(env.getProperty("platform.api.contact.url")))
                        .license(new License().name(env.getProperty("platform.api.license", "Proprietary: 天津市红桥区"))))
                .servers(List.of(new Server().url(env.getProperty("platform.api.public-url", "/"))
                        .description("The gateway: every call goes through it (PLATFORM_API_PUBLIC_URL; / is the gateway serving this document)")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An OIDC access token; locally, one from POST /api/v1/local/tokens at the gateway")));
    }

    @Bean
    PlatformApiDocument platformApiDocument(ProblemMessages messages, ObjectProvider<JavadocProvider> javadoc,
            ObjectProvider<SeedSet<?>> seedSets) {
        Map<String, String> recordSets = new java.util.HashMap<>();
        seedSets.orderedStream().forEach(set -> recordSets.putIfAbsent(set.recordType().getSimpleName(), set.name()));
        return new PlatformApiDocument(messages, javadoc.getIfAvailable(), recordSets);
    }

    @Bean
    EnumLabels enumLabels() {
        return new EnumLabels();
    }

    @Bean
    NullableProperties nullableProperties() {
        return new NullableProperties();
    }

    @Bean
    OneSchemaPerType oneSchemaPerType() {
        return new OneSchemaPerType();
    }

    @Bean
    UnitsOfMeasure unitsOfMeasure() {
        return new UnitsOfMeasure();
    }
}

package cn.hongqiao.samecity.defaults.personal;

import java.util.List;
import java.util.Locale;

import cn.hongqiao.samecity.defaults.PlatformMisconfiguredException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.data.convert.PropertyValueConverter;
import org.springframework.data.convert.PropertyValueConverterFactory;
import org.springframework.data.convert.ValueConversionContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Personal data encrypted at rest, for a service that keeps some ({@code platform.personal-data.collections}
 * names the collections): the keys and the mapping that seals every {@link PersonalData}
 * field and opens it again (the rotation job: {@link KeyRotationAutoConfiguration}). A service that
 * names collections but no keys does not start.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnClass(value = MongoTemplate.class, name = "com.google.crypto.tink.Aead")
@Conditional(PersonalDataAutoConfiguration.Configured.class)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataAutoConfiguration {

    /** A service keeps personal data when it names the collections that hold it. */
    public static final class Configured extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            List<String> collections = Binder.get(context.getEnvironment())
                    .bind("platform.personal-data.collections", Bindable.listOf(String.class)).orElse(List.of());
            return collections.isEmpty() ? ConditionOutcome.noMatch("no platform.personal-data.collections")
                    : ConditionOutcome.match("personal data in " + collections);
        }
    }

    @Bean
    PersonalDataKeys personalDataKeys(PersonalDataProperties properties) {
        if (properties.keyset() != null) {
            return PersonalDataKeys.parse(properties.keyset());
        }
        if (properties.keysetFile() != null && !properties.keysetFile().toString().isBlank()) {
            return PersonalDataKeys.fromFile(properties.keysetFile(), properties.createKeyset());
        }
        throw new PlatformMisconfiguredException("This service keeps personal data (" + properties.collections()
                + ") encrypted, and no personal-data keys are configured.",
                "Set PERSONAL_DATA_KEYSET to the keyset (a Kubernetes Secret; make one with PersonalDataKeyTool, see README, "
                        + "\"Personal data at rest\") or PERSONAL_DATA_KEYSET_FILE to a file holding it.");
    }

    /**
     * Spring Boot's conversions (the platform's BigDecimal as decimal128) with the personal-data
     * fields' converter given its keys.
     */
    @Bean
    MongoCustomConversions mongoCustomConversions(PersonalDataKeys keys, Environment env) {
        SealedValues sealed = new SealedValues(keys);
        PropertyValueConverterFactory ours = new PropertyValueConverterFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <DV, SV, C extends ValueConversionContext<?>> PropertyValueConverter<DV, SV, C> getConverter(
                    Class<? extends PropertyValueConverter<DV, SV, C>> type) {
                return SealedValues.class.equals(type) ? (PropertyValueConverter<DV, SV, C>) (Object) sealed : null;
            }
        };
        return MongoCustomConversions.create(adapter -> {
            String bigDecimal = env.getProperty("spring.data.mongodb.representation.big-decimal");
            if (bigDecimal != null && !bigDecimal.isBlank()) {
                adapter.bigDecimal(MongoCustomConversions.BigDecimalRepresentation.valueOf(bigDecimal.trim().toUpperCase(Locale.ROOT)));
            }
            adapter.registerPropertyValueConverterFactory(PropertyValueConverterFactory.chained(ours, PropertyValueConverterFactory.simple()));
        });
    }
}

package cn.hongqiao.samecity.defaults.personal;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.convert.MongoConversionContext;
import org.springframework.data.mongodb.core.convert.MongoValueConverter;

/**
 * What Spring Data does with a {@link PersonalData} field: seals it on the way to the database,
 * opens it on the way back. A value stored before encryption was introduced (a plain string) is read
 * as it is, and sealed by the next save or by the rotation job.
 */
final class SealedValues implements MongoValueConverter<String, Object> {

    private final PersonalDataKeys keys;

    SealedValues(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @Override
    public @Nullable String read(Object stored, MongoConversionContext context) {
        Sealed sealed = Sealed.of(stored);
        if (sealed != null) {
            return keys.open(sealed);
        }
        return stored instanceof String plain ? plain : null;
    }

    @Override
    public @Nullable Object write(String value, MongoConversionContext context) {
        PersonalData field = context.getProperty().findAnnotation(PersonalData.class);
        Document sealed = keys.seal(value, field != null && field.searchable()).toDocument();
        return sealed;
    }
}

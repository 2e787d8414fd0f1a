package cn.hongqiao.samecity.defaults.openapi;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * A property is nullable when its Java type can hold null: any object but a collection, map or
 * array (the platform's records answer those empty, never null), unless validation requires it
 * ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}). Conservative on purpose: a generated
 * client then checks every value that may be missing. In OpenAPI 3.1, {@code type: [x, "null"]}, or
 * {@code oneOf [$ref, null]} for a referenced schema.
 */
class NullableProperties implements PropertyCustomizer {

    private static final Set<String> REQUIRING = Set.of("NotNull", "NotBlank", "NotEmpty", "NonNull");

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || !canBeNull(type)) {
            return property;
        }
        if (property.get$ref() != null) {
            return new Schema<>().oneOf(List.of(property, nullSchema())).description(property.getDescription());
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
        } else if (property.getType() != null) {
            property.addType(property.getType());
            property.addType("null");
        }
        return property;
    }

    @SuppressWarnings("rawtypes")
    private static Schema nullSchema() {
        Schema none = new Schema<>();
        none.addType("null");
        return none;
    }

    private static boolean canBeNull(AnnotatedType type) {
        if (type.getPropertyName() == null) {
            return false; // the items of a list, not a property
        }
        Class<?> raw = type.getType() instanceof Class<?> cls ? cls
                : type.getType() instanceof com.fasterxml.jackson.databind.JavaType javaType ? javaType.getRawClass() : null;
        if (raw == null || raw.isPrimitive() || raw.isArray() || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
            return false;
        }
        if (type.getCtxAnnotations() != null) {
            for (Annotation annotation : type.getCtxAnnotations()) {
                if (REQUIRING.contains(annotation.annotationType().getSimpleName())) {
                    return false;
                }
            }
        }
        return true;
    }
}

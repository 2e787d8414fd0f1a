package cn.hongqiao.samecity.defaults.openapi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Each enum of the API is one named schema (enums as references), and says what each value means:
 * an enum with a {@code label()} (the Chinese name the portals show) lists its values with their
 * labels in the description and in {@code x-enum-descriptions}.
 */
class EnumLabels implements ModelConverter {

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = rawClass(type.getType());
        if (schema == null || raw == null || !raw.isEnum()) {
            return schema;
        }
        Schema target = schema.get$ref() == null ? schema
                : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if (target == null || target.getExtensions() != null && target.getExtensions().containsKey("x-enum-descriptions")) {
            return schema;
        }
        Method label = labelMethod(raw);
        if (label == null) {
            return schema;
        }
        List<String> labels = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        for (Object constant : raw.getEnumConstants()) {
            String text = invoke(label, constant);
            labels.add(text);
            description.append(description.isEmpty() ? "" : "; ").append(((Enum<?>) constant).name()).append(": ").append(text);
        }
        target.setDescription(description.toString());
        target.addExtension("x-enum-descriptions", labels);
        return schema;
    }

    private static Class<?> rawClass(java.lang.reflect.Type type) {
        if (type instanceof Class<?> cls) {
            return cls;
        }
        if (type instanceof com.fasterxml.jackson.databind.JavaType javaType) {
            return javaType.getRawClass();
        }
        return null;
    }

    private static Method labelMethod(Class<?> enumType) {
        try {
            Method label = enumType.getMethod("label");
            return label.getReturnType() == String.class ? label : null;
        } catch (NoSuchMethodException none) {
            return null;
        }
    }

    private static String invoke(Method label, Object constant) {
        try {
            return (String) label.invoke(constant);
        } catch (ReflectiveOperationException e) {
            return String.valueOf(constant);
        }
    }
}

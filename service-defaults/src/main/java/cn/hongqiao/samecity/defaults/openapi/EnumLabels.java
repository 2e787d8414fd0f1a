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
 * labels in the description and in {@code x-enum-descriptions}. An enum nested in a type is named
 * by it ({@code Applicant.Kind} is {@code ApplicantKind}), so that two {@code Kind}s of one
 * service never share a schema.
 */
class EnumLabels implements ModelConverter {

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = ResolvedTypes.rawClass(type.getType());
        if (raw != null && raw.isEnum() && raw.getEnclosingClass() != null) {
            return nested(raw, context);
        }
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (schema == null || raw == null || !raw.isEnum()) {
            return schema;
        }
        Schema target = schema.get$ref() == null ? schema
                : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if (target == null || target.getExtensions() != null && target.getExtensions().containsKey("x-enum-descriptions")) {
            return schema;
        }
        label(raw, target);
        return schema;
    }

    @SuppressWarnings("rawtypes")
    private static void label(Class<?> enumType, Schema target) {
        Method label = labelMethod(enumType);
        if (label == null) {
            return;
        }
        List<String> labels = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        for (Object constant : enumType.getEnumConstants()) {
            String text = invoke(label, constant);
            labels.add(text);
            description.append(description.isEmpty() ? "" : "; ").append(((Enum<?>) constant).name()).append(": ").append(text);
        }
        target.setDescription(description.toString());
        target.addExtension("x-enum-descriptions", labels);
    }

    /** A nested enum, defined once under its qualified name and referred to. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema nested(Class<?> enumType, ModelConverterContext context) {
        String name = enumType.getEnclosingClass().getSimpleName() + enumType.getSimpleName();
        if (!context.getDefinedModels().containsKey(name)) {
            Schema schema = new io.swagger.v3.oas.models.media.StringSchema();
            for (Object constant : enumType.getEnumConstants()) {
                schema.addEnumItemObject(((Enum<?>) constant).name());
            }
            label(enumType, schema);
            context.defineModel(name, schema);
        }
        return new Schema().$ref("#/components/schemas/" + name);
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
            // a public label() of a package-private enum (Action.Kind) is reachable only so
            label.trySetAccessible();
            return (String) label.invoke(constant);
        } catch (ReflectiveOperationException e) {
            return String.valueOf(constant);
        }
    }
}

package cn.hongqiao.samecity.defaults.openapi;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Refuses to document two Java types under one schema name: springdoc names a schema by the simple
 * class name, so {@code Application.Material} and {@code items.Material} would silently become one
 * schema and a generated client would read one as the other. Making the document then fails,
 * naming both types, and the drift test fails with it; rename one (or give it
 * {@code @Schema(name = ...)}).
 */
class OneSchemaPerType implements ModelConverter {

    private final Map<String, Class<?>> typesByName = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = ResolvedTypes.rawClass(type.getType());
        String name = schema == null ? null
                : schema.get$ref() != null ? schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1) : schema.getName();
        if (name == null || raw == null || raw.getName().startsWith("java.")) {
            return schema;
        }
        Class<?> earlier = typesByName.putIfAbsent(name, raw);
        if (earlier != null && !earlier.equals(raw)) {
            throw new IllegalStateException("Two types would share the API schema " + name + ": " + earlier.getName() + " and "
                    + raw.getName() + "; rename one or name its schema with @Schema(name = ...)");
        }
        return schema;
    }
}

package cn.hongqiao.samecity.defaults.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Which members of a schema may be {@code null}, as the Java types say it (JSpecify): in code that
 * is {@link NullMarked} (the platform's packages are), a member is never null unless its type is
 * {@link Nullable}; collections, maps, arrays and primitives never are (the platform answers those
 * empty); a member validation requires ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty})
 * never is. Outside null-marked code every other object may be: conservative, so a generated client
 * checks what nobody promised. In OpenAPI 3.1 a nullable member is {@code type: [x, "null"]}, or
 * {@code oneOf [$ref, null]} for a referenced schema. Every answer the services' tests see is
 * checked against what this states (service-test-support's DocumentedAnswers).
 */
class NullableProperties implements ModelConverter {

    private static final Set<String> REQUIRING = Set.of("NotNull", "NotBlank", "NotEmpty", "NonNull");

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> owner = ResolvedTypes.rawClass(type.getType());
        Schema model = schema == null || schema.get$ref() == null ? schema
                : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if (model == null || owner == null || model.getProperties() == null || owner.getName().startsWith("java.")) {
            return schema;
        }
        Map<String, Schema> properties = model.getProperties();
        for (String name : new ArrayList<>(properties.keySet())) {
            Member member = member(owner, name);
            if (member != null && member.canBeNull(owner)) {
                properties.put(name, nullable(properties.get(name)));
            }
        }
        return schema;
    }

    /** A member as Java declares it: its type (with type-use annotations) and declaration annotations. */
    private record Member(Class<?> raw, java.lang.reflect.AnnotatedType type, List<Annotation> declared) {

        boolean canBeNull(Class<?> owner) {
            if (raw.isPrimitive() || raw.isArray() || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                    || Optional.class.equals(raw)) {
                return false;
            }
            List<Annotation> annotations = new ArrayList<>(declared);
            annotations.addAll(List.of(type.getAnnotations()));
            if (annotations.stream().anyMatch(a -> REQUIRING.contains(a.annotationType().getSimpleName()))) {
                return false;
            }
            return type.isAnnotationPresent(Nullable.class) || !nullMarked(owner);
        }
    }

    /** The Java member behind JSON property {@code name} of {@code owner}: record component, getter or field. */
    private static Member member(Class<?> owner, String name) {
        if (owner.isRecord()) {
            for (RecordComponent component : owner.getRecordComponents()) {
                if (jsonName(component, component.getName()).equals(name)) {
                    List<Annotation> declared = new ArrayList<>(List.of(component.getAnnotations()));
                    declared.addAll(List.of(component.getAccessor().getAnnotations()));
                    declaredField(owner, component.getName()).ifPresent(f -> declared.addAll(List.of(f.getAnnotations())));
                    return new Member(component.getType(), component.getAnnotatedType(), declared);
                }
            }
        }
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getParameterCount() == 0 && method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())
                        && jsonName(method, propertyName(method.getName())).equals(name)) {
                    return new Member(method.getReturnType(), method.getAnnotatedReturnType(), List.of(method.getAnnotations()));
                }
            }
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && jsonName(field, field.getName()).equals(name)) {
                    return new Member(field.getType(), field.getAnnotatedType(), List.of(field.getAnnotations()));
                }
            }
        }
        return null;
    }

    private static String propertyName(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length() && method.startsWith(prefix) && Character.isUpperCase(method.charAt(prefix.length()))) {
                return Character.toLowerCase(method.charAt(prefix.length())) + method.substring(prefix.length() + 1);
            }
        }
        return method;
    }

    private static String jsonName(AnnotatedElement element, String fallback) {
        JsonProperty property = element.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : fallback;
    }

    private static Optional<Field> declaredField(Class<?> owner, String name) {
        try {
            return Optional.of(owner.getDeclaredField(name));
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code type} is in null-marked code: marked itself, by an enclosing type or by its package. */
    static boolean nullMarked(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(NullMarked.class)) {
                return true;
            }
        }
        return type.getPackage() != null && type.getPackage().isAnnotationPresent(NullMarked.class);
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema nullable(Schema property) {
        if (property.get$ref() != null) {
            // named like the property: swagger keys an unwrapped type's properties by their schema's name
            return new Schema<>().oneOf(List.of(property, nullSchema())).description(property.getDescription()).name(property.getName());
        }
        if (property.getOneOf() != null || property.getTypes() != null && property.getTypes().contains("null")) {
            return property;
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
}

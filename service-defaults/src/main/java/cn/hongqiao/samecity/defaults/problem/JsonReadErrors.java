package cn.hongqiao.samecity.defaults.problem;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/** Turns a JSON reading failure into field violations a portal can show beside the field. */
final class JsonReadErrors {

    private JsonReadErrors() {
    }

    static List<Violation> describe(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return List.of(new Violation("$", "body-missing"));
        }
        JacksonException jackson = (JacksonException) cause;
        String field = path(jackson);
        if (jackson instanceof PropertyBindingException unknown) {
            return List.of(new Violation(field, "unknown-field", unknown.getPropertyName()));
        }
        if (jackson instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            return target != null && target.isEnum()
                    ? List.of(new Violation(field, "not-one-of", invalid.getValue(), values(target)))
                    : List.of(new Violation(field, "invalid-value", invalid.getValue()));
        }
        if (jackson instanceof MismatchedInputException mismatched) {
            Class<?> target = mismatched.getTargetType();
            if (target != null && target.isEnum()) {
                return List.of(new Violation(field, "wrong-type-enum", values(target)));
            }
            return List.of(target == null ? new Violation(field, "wrong-type-any")
                    : new Violation(field, "wrong-type", ProblemMessages.label("type." + kind(target))));
        }
        if (jackson instanceof StreamReadException) {
            return List.of(new Violation("$", "malformed-json", jackson.getOriginalMessage()));
        }
        return List.of(new Violation(field, "unreadable-value"));
    }

    /** An enum's values as the API spells them, for "allowed: ..." messages. */
    static String values(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String kind(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "temporal";
        }
        return "object";
    }

    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }
}

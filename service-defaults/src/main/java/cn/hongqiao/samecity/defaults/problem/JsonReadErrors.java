package cn.hongqiao.samecity.defaults.problem;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/** Turns a JSON reading failure into words a portal developer can act on, naming the field. */
final class JsonReadErrors {

    private JsonReadErrors() {
    }

    static List<FieldError> describe(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return List.of(new FieldError("$", "The request body is missing or is not JSON."));
        }
        JacksonException jackson = (JacksonException) cause;
        String field = path(jackson);
        if (jackson instanceof PropertyBindingException unknown) {
            return List.of(new FieldError(field, "Unknown field '" + unknown.getPropertyName() + "'."));
        }
        if (jackson instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            String allowed = target != null && target.isEnum()
                    ? " Allowed: " + Arrays.stream(target.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")) + "."
                    : "";
            return List.of(new FieldError(field, "Invalid value '" + invalid.getValue() + "'." + allowed));
        }
        if (jackson instanceof MismatchedInputException mismatched) {
            Class<?> target = mismatched.getTargetType();
            String expected = target == null ? "" : " Expected " + describe(target) + ".";
            return List.of(new FieldError(field, "Wrong type or missing value." + expected));
        }
        if (jackson instanceof StreamReadException) {
            return List.of(new FieldError("$", "Malformed JSON: " + jackson.getOriginalMessage()));
        }
        return List.of(new FieldError(field, "Unreadable value."));
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        return "an object";
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

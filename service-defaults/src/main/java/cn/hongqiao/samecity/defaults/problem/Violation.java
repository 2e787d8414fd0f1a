package cn.hongqiao.samecity.defaults.problem;

/**
 * One field of a request breaking one rule, before it is worded: the field's name as the API
 * spells it, the rule (its message is {@code rule.<rule>} in the caller's language) and the
 * message's arguments.
 */
public record Violation(String field, String rule, Object... arguments) {

    /** A parameter whose value is not of its type: for an enum, the values it may take. */
    static Violation ofMismatch(String field, org.springframework.beans.TypeMismatchException ex) {
        Class<?> type = ex.getRequiredType();
        return type != null && type.isEnum()
                ? new Violation(field, "not-one-of", ex.getValue(), JsonReadErrors.values(type))
                : new Violation(field, "invalid-value", ex.getValue());
    }
}

package cn.hongqiao.samecity.defaults.problem;

/**
 * One field of a request breaking one rule, before it is worded: the field's name as the API
 * spells it, the rule (its message is {@code rule.<rule>} in the caller's language) and the
 * message's arguments.
 */
public record Violation(String field, String rule, Object... arguments) {
}

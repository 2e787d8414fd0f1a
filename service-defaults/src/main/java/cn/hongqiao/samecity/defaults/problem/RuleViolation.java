package cn.hongqiao.samecity.defaults.problem;

/**
 * Thrown by a domain type when input breaks one of its rules (a branch without its parent group,
 * a finish before the start). Plain Java, so domain types stay free of web classes; answered as
 * a 400 {@code invalid-request} naming the field, with the rule's message {@code rule.<rule>} in
 * the caller's language.
 */
public class RuleViolation extends RuntimeException {

    private final transient Violation violation;

    public RuleViolation(String field, String rule, Object... arguments) {
        super(field + ": " + rule);
        this.violation = new Violation(field, rule, arguments);
    }

    public Violation violation() {
        return violation;
    }

    public String field() {
        return violation.field();
    }
}

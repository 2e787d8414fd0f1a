package cn.hongqiao.samecity.defaults.problem;

/**
 * Thrown by a domain type when input breaks one of its rules (a branch without its parent group,
 * a finish before the start). Plain Java, so domain types stay free of web classes; answered as
 * a 400 problem naming the field.
 */
public class RuleViolation extends RuntimeException {

    private final String field;

    public RuleViolation(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String rule() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}

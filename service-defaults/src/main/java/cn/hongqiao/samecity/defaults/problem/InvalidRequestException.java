package cn.hongqiao.samecity.defaults.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A 400 {@code invalid-request} for input that passed binding but breaks a rule, naming each field as validation does. */
public class InvalidRequestException extends ProblemException {

    private final List<Violation> violations;

    public InvalidRequestException(Violation... violations) {
        this(List.of(violations));
    }

    public InvalidRequestException(List<Violation> violations) {
        super(HttpStatus.BAD_REQUEST, "invalid-request");
        this.violations = List.copyOf(violations);
    }

    /** One field breaking one rule ({@code rule.<rule>}). */
    public static InvalidRequestException of(String field, String rule, Object... arguments) {
        return new InvalidRequestException(new Violation(field, rule, arguments));
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String getMessage() {
        return "invalid-request " + violations.stream().map(v -> v.field() + ": " + v.rule()).toList();
    }
}

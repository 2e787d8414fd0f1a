package cn.hongqiao.samecity.defaults.problem;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 400 for input that passed binding but breaks a rule, naming each field as validation does. */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(FieldError... errors) {
        this(List.of(errors));
    }

    public InvalidRequestException(List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
    }

    private static ProblemDetail problem(List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }
}

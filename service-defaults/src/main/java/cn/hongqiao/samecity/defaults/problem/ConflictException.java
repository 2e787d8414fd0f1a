package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;

/** 409: the request is well-formed but contradicts the current state (a duplicate, a second report for a month). */
public class ConflictException extends ProblemException {

    public ConflictException(String code, Object... arguments) {
        super(HttpStatus.CONFLICT, code, arguments);
    }

    private ConflictException(String code, String detailMessage, Object... arguments) {
        super(HttpStatus.CONFLICT, code, detailMessage, arguments);
    }

    /**
     * {@code already-exists}: a record with the same unique key exists; the detail message
     * {@code problem.already-exists.<variant>} names which.
     */
    public static ConflictException alreadyExists(String variant, Object... arguments) {
        return new ConflictException("already-exists", "problem.already-exists." + variant, arguments);
    }
}

package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 409: the request is well-formed but contradicts the current state (a duplicate, an illegal move). */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String title, String detail) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, title, detail), null);
    }
}

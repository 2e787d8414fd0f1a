package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 412: the client's {@code If-Match} names a version that is no longer current. */
public class PreconditionFailedException extends ErrorResponseException {

    public PreconditionFailedException(String detail) {
        super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, "Precondition failed", detail), null);
    }
}

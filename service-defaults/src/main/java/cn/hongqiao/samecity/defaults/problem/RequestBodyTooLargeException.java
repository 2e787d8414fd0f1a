package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;

/** 413 {@code body-too-large}: a request body over {@code platform.http.max-body-size}, refused before it is read into memory. */
public class RequestBodyTooLargeException extends ProblemException {

    public RequestBodyTooLargeException(long limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "problem.body-too-large.limit", limitBytes);
    }
}

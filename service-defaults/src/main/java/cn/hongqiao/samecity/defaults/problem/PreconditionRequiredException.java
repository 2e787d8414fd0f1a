package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;

/** 428 {@code precondition-required}: an update must say which version it changes ({@code If-Match}), so no write is lost. */
public class PreconditionRequiredException extends ProblemException {

    public PreconditionRequiredException() {
        super(HttpStatus.PRECONDITION_REQUIRED, "precondition-required");
    }
}

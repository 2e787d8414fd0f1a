package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;

/** 412 {@code stale-version}: the client's {@code If-Match} names a version that is no longer current. */
public class PreconditionFailedException extends ProblemException {

    public PreconditionFailedException(String ifMatch, String currentETag) {
        super(HttpStatus.PRECONDITION_FAILED, "stale-version", "problem.stale-version.versions", ifMatch, currentETag);
    }
}

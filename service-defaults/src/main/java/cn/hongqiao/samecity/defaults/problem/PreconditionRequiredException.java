package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 428: an update must say which version it changes ({@code If-Match}), so no write is lost. */
public class PreconditionRequiredException extends ErrorResponseException {

    public PreconditionRequiredException() {
        super(HttpStatus.PRECONDITION_REQUIRED, Problems.of(HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
                "Send If-Match with the ETag you read, so that a change made since is not overwritten."), null);
    }
}

package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A request body over {@code platform.http.max-body-size}: 413 before anything is read into memory. */
public class RequestBodyTooLargeException extends ErrorResponseException {

    public RequestBodyTooLargeException(long limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The request body is larger than the limit of " + limitBytes + " bytes."), null);
    }
}

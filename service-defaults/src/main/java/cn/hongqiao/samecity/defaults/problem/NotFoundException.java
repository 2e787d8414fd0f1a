package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 404 for a resource that does not exist, or that the caller may not know exists. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String what, String id) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "Not found", "No " + what + " " + id + "."), null);
    }
}

package cn.hongqiao.samecity.defaults.problem;

import org.springframework.http.HttpStatus;

/**
 * 404 {@code not-found} for a resource that does not exist, or that the caller may not know
 * exists; {@code resource} names it by its message {@code resource.<resource>} ("项目", "project").
 */
public class NotFoundException extends ProblemException {

    public NotFoundException(String resource, String id) {
        super(HttpStatus.NOT_FOUND, "not-found", "problem.not-found.resource", ProblemMessages.label("resource." + resource), id);
    }
}

package cn.hongqiao.samecity.defaults.security;

import cn.hongqiao.samecity.defaults.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The two problems security answers with, worded once for the servlet and reactive stacks. */
final class SecurityProblems {

    private SecurityProblems() {
    }

    static ProblemDetail unauthorized(String path, boolean tokenPresent) {
        return Problems.complete(Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized",
                tokenPresent ? "The bearer token is invalid or has expired."
                        : "This request needs a bearer token (Authorization: Bearer ...)."), path);
    }

    static ProblemDetail forbidden(String path) {
        return Problems.complete(Problems.of(HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow this request."), path);
    }

    static String wwwAuthenticate(boolean tokenPresent) {
        return tokenPresent ? "Bearer error=\"invalid_token\"" : "Bearer";
    }
}

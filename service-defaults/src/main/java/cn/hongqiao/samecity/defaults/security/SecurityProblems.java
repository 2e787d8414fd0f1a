package cn.hongqiao.samecity.defaults.security;

import java.util.Locale;

import cn.hongqiao.samecity.defaults.problem.ProblemMessages;
import cn.hongqiao.samecity.defaults.problem.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problems security answers with, worded once for the servlet and reactive stacks. */
final class SecurityProblems {

    private SecurityProblems() {
    }

    /** 401: {@code invalid-token} when a bearer token was sent, {@code authentication-required} when none was. */
    static ProblemDetail unauthorized(ProblemMessages messages, Locale locale, String path, boolean tokenPresent) {
        return Problems.complete(messages.problem(HttpStatus.UNAUTHORIZED,
                tokenPresent ? "invalid-token" : "authentication-required", locale), path);
    }

    /** 403 {@code forbidden}: the caller's role does not allow the request. */
    static ProblemDetail forbidden(ProblemMessages messages, Locale locale, String path) {
        return Problems.complete(messages.problem(HttpStatus.FORBIDDEN, "forbidden", locale), path);
    }

    static String wwwAuthenticate(boolean tokenPresent) {
        return tokenPresent ? "Bearer error=\"invalid_token\"" : "Bearer";
    }
}

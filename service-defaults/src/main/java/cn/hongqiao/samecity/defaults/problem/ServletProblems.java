package cn.hongqiao.samecity.defaults.problem;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * Writes problems straight to a servlet response, in the caller's language: for writers before Spring
 * MVC (filters, security).
 */
public class ServletProblems {

    private final JsonMapper json;
    private final ProblemMessages messages;

    public ServletProblems(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
    }

    public ProblemMessages messages() {
        return messages;
    }

    /** The caller's language: Chinese unless {@code Accept-Language} prefers English. */
    public static Locale locale(HttpServletRequest request) {
        return ProblemMessages.localeOf(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** Completes a worded problem (code, path, trace id) and writes it with its status; headers set before stay. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        Problems.complete(problem, request.getRequestURI());
        response.setStatus(problem.getStatus());
        response.setContentType(Problems.APPLICATION_PROBLEM_JSON.toString());
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale(request).toLanguageTag());
        json.writeValue(response.getOutputStream(), Problems.members(problem));
    }
}

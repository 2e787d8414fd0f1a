package cn.hongqiao.samecity.defaults.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside Spring MVC's handlers (in filters, in the servlet container) reach
 * {@code /error}; they answer as problems too, never as an HTML page or a stack trace. Not part of
 * the API: it is left out of the OpenAPI document.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
public class ProblemErrorController implements ErrorController {

    private final ProblemMessages messages;

    public ProblemErrorController(ProblemMessages messages) {
        this.messages = messages;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof AuthenticationServiceException
                ? messages.problem(HttpStatus.SERVICE_UNAVAILABLE, "issuer-unavailable", LocaleContextHolder.getLocale())
                : messages.problem(status, Problems.codeFor(status.value()), LocaleContextHolder.getLocale());
        Problems.complete(problem, uri == null ? request.getRequestURI() : uri.toString());
        return ResponseEntity.status(problem.getStatus()).contentType(Problems.APPLICATION_PROBLEM_JSON)
                .header("Content-Language", LocaleContextHolder.getLocale().toLanguageTag()).body(problem);
    }
}

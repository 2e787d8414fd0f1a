package cn.hongqiao.samecity.defaults.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside Spring MVC's handlers (in filters, in the servlet container) reach
 * {@code /error}; they answer as problems too, never as an HTML page or a stack trace.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof AuthenticationServiceException) {
            ProblemDetail unavailable = Problems.complete(Problems.issuerUnavailable(), uri == null ? null : uri.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(Problems.APPLICATION_PROBLEM_JSON).body(unavailable);
        }
        String detail = status.is5xxServerError()
                ? "The request could not be completed. Quote the traceId when reporting this."
                : status.getReasonPhrase() + ".";
        ProblemDetail problem = Problems.of(status, status.getReasonPhrase(), detail);
        Problems.complete(problem, uri == null ? request.getRequestURI() : uri.toString());
        return ResponseEntity.status(status).contentType(Problems.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

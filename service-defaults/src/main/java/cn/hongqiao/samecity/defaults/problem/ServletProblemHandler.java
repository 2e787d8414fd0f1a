package cn.hongqiao.samecity.defaults.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a service answers is an RFC 9457 problem: Spring MVC's own (404, 405, 415, 406,
 * type mismatches...) through {@link ResponseEntityExceptionHandler}, plus validation with each
 * field's error, unreadable JSON naming the field, optimistic-locking and unique-key conflicts
 * (409), and anything unexpected as a 500 without internals.
 */
@RestControllerAdvice
public class ServletProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServletProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return invalid(fieldErrors(ex.getBindingResult()), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> {
                String field = error instanceof org.springframework.validation.FieldError fe ? fe.getField() : name;
                errors.add(new FieldError(field, error.getDefaultMessage()));
            });
        });
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return handleExceptionInternal(tooLarge, tooLarge.getBody(), headers, tooLarge.getStatusCode(), request);
            }
            cause = cause.getCause();
        }
        List<FieldError> errors = JsonReadErrors.describe(ex);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Unreadable request body", summary(errors));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String allowed = type != null && type.isEnum()
                ? " Allowed: " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")) + "."
                : "";
        return invalid(List.of(new FieldError(field == null ? "?" : field, "Invalid value '" + ex.getValue() + "'." + allowed)),
                headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return invalid(errors, new HttpHeaders(), request);
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation ex, WebRequest request) {
        return invalid(List.of(new FieldError(ex.field(), ex.rule())), new HttpHeaders(), request);
    }

    @ExceptionHandler(StateConflict.class)
    ResponseEntity<Object> stateConflict(StateConflict ex, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ex.title(), ex.getMessage());
        ex.details().forEach(problem::setProperty);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(PropertyReferenceException.class)
    ResponseEntity<Object> unknownProperty(PropertyReferenceException ex, WebRequest request) {
        return invalid(List.of(new FieldError("sort", "Cannot sort by '" + ex.getPropertyName() + "'.")), new HttpHeaders(), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleWrite(OptimisticLockingFailureException ex, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Concurrent modification",
                "The record was changed by someone else since you read it; reload it and apply your change again.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(DuplicateKeyException ex, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Already exists",
                "A record with the same unique key already exists.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex; // Spring Security answers these: 401 for anonymous callers, 403 otherwise
        }
        log.error("Unexpected error on {}", describe(request), ex);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed. Quote the traceId when reporting this.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.complete(problem, path(request));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> invalid(List<FieldError> errors, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Invalid request", summary(errors));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(new IllegalArgumentException(problem.getDetail()), problem, headers,
                HttpStatus.BAD_REQUEST, request);
    }

    static List<FieldError> fieldErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    private static String lastNode(String propertyPath) {
        // "create.request.code" -> "code"; keep nested paths below the request argument
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String path(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            return http.getRequestURI();
        }
        return null;
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}

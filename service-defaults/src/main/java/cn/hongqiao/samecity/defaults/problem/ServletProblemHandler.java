package cn.hongqiao.samecity.defaults.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a service answers is an RFC 9457 problem with a stable {@code code}, worded in the
 * caller's language ({@link ProblemMessages}): Spring MVC's own (404, 405, 415, 406, type
 * mismatches...) through {@link ResponseEntityExceptionHandler}, the platform's
 * {@link ProblemException}s, validation with each field's error, unreadable JSON naming the field,
 * domain rules and state conflicts, optimistic-locking and unique-key conflicts (409), and anything
 * unexpected as a 500 without internals.
 */
@RestControllerAdvice
public class ServletProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ServletProblemHandler.class);

    private final ProblemMessages messages;

    public ServletProblemHandler(ProblemMessages messages) {
        this.messages = messages;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return invalidFields(fieldErrors(ex.getBindingResult()), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = parameterName(result.getMethodParameter());
            result.getResolvableErrors().forEach(error -> {
                String field = error instanceof org.springframework.validation.FieldError fe ? fe.getField() : name;
                errors.add(new FieldError(field, error.getDefaultMessage()));
            });
        });
        return invalidFields(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            if (HttpHeaders.IF_MATCH.equalsIgnoreCase(missing.getHeaderName())) {
                return localized(new PreconditionRequiredException(), headers, request);
            }
            return invalid(List.of(new Violation(missing.getHeaderName(), "header-required")), headers, request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return localized(tooLarge, headers, request);
            }
            cause = cause.getCause();
        }
        return invalid(JsonReadErrors.describe(ex), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        return invalid(List.of(Violation.ofMismatch(field == null ? "?" : field, ex)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleErrorResponseException(org.springframework.web.ErrorResponseException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof InvalidRequestException invalid) {
            return invalid(invalid.violations(), headers, request);
        }
        return localized(ex, headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return invalidFields(errors, new HttpHeaders(), request);
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation ex, WebRequest request) {
        return invalid(List.of(ex.violation()), new HttpHeaders(), request);
    }

    @ExceptionHandler(StateConflict.class)
    ResponseEntity<Object> stateConflict(StateConflict ex, WebRequest request) {
        ProblemDetail problem = messages.problem(HttpStatus.CONFLICT, ex.code(), locale(), ex.arguments());
        ex.details().forEach(problem::setProperty);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(PropertyReferenceException.class)
    ResponseEntity<Object> unknownProperty(PropertyReferenceException ex, WebRequest request) {
        return invalid(List.of(new Violation("sort", "sort-unknown", ex.getPropertyName())), new HttpHeaders(), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleWrite(OptimisticLockingFailureException ex, WebRequest request) {
        return problem(ex, HttpStatus.CONFLICT, "concurrent-modification", request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(DuplicateKeyException ex, WebRequest request) {
        return problem(ex, HttpStatus.CONFLICT, "already-exists", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex; // Spring Security answers these: 401 for anonymous callers, 403 otherwise
        }
        log.error("Unexpected error on {}", describe(request), ex);
        return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", request);
    }

    /** Every problem leaves with its code, path, trace id and language. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.complete(problem, path(request));
            HttpHeaders withLanguage = new HttpHeaders();
            withLanguage.putAll(headers); // Spring's own may be read-only
            withLanguage.setContentLanguage(locale());
            return super.createResponseEntity(body, withLanguage, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> localized(ErrorResponse error, HttpHeaders headers, WebRequest request) {
        HttpHeaders all = new HttpHeaders();
        all.putAll(error.getHeaders());
        all.putAll(headers);
        return handleExceptionInternal((Exception) error, messages.localize(error, locale()), all, error.getStatusCode(), request);
    }

    private ResponseEntity<Object> problem(Exception ex, HttpStatus status, String code, WebRequest request) {
        return handleExceptionInternal(ex, messages.problem(status, code, locale()), new HttpHeaders(), status, request);
    }

    private ResponseEntity<Object> invalid(List<Violation> violations, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = messages.invalid(violations, locale());
        return handleExceptionInternal(new IllegalArgumentException(problem.getDetail()), problem, headers,
                HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> invalidFields(List<FieldError> errors, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = messages.invalidFields(errors, locale());
        return handleExceptionInternal(new IllegalArgumentException(problem.getDetail()), problem, headers,
                HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Any error Spring answers itself (405, 406, 415, 404 for no handler...): its body worded in the
     * language, with the platform's code for its status.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse error) {
            body = messages.localize(error, locale());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    static List<FieldError> fieldErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
        return errors;
    }

    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        org.springframework.web.bind.annotation.RequestHeader header =
                parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        org.springframework.web.bind.annotation.RequestParam param =
                parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        return parameter.getParameterName();
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

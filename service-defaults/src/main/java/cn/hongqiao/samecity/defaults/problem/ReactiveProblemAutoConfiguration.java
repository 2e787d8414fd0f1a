package cn.hongqiao.samecity.defaults.problem;

import java.util.Locale;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * RFC 9457 errors for the reactive stack (the gateway), in the caller's language: whatever escapes
 * a handler or a route, including "no route" 404s and unreadable JSON (naming the field), answers
 * as a problem with its code, and a 5xx never shows internals.
 */
@AutoConfiguration(after = ProblemMessagesAutoConfiguration.class,
        before = { ErrorWebFluxAutoConfiguration.class, WebFluxAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
public class ReactiveProblemAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReactiveProblemAutoConfiguration.class);

    @Bean
    ReactiveProblems reactiveProblems(JsonMapper json, ProblemMessages messages) {
        return new ReactiveProblems(json, messages);
    }

    /** Handlers' own language: Chinese unless {@code Accept-Language} prefers English, as for problems. */
    @Bean(name = "localeContextResolver")
    LocaleContextResolver localeContextResolver() {
        AcceptHeaderLocaleContextResolver resolver = new AcceptHeaderLocaleContextResolver() {
            @Override
            public org.springframework.context.i18n.LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
                Locale locale = ReactiveProblems.locale(exchange);
                return () -> locale;
            }
        };
        resolver.setSupportedLocales(ProblemMessages.SUPPORTED);
        resolver.setDefaultLocale(ProblemMessages.CHINESE);
        return resolver;
    }

    @Bean
    @Order(-2)
    WebExceptionHandler problemWebExceptionHandler(ReactiveProblems problems) {
        return (exchange, ex) -> {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(ex);
            }
            ProblemDetail problem = toProblem(exchange, ex, problems.messages());
            if (ex instanceof ErrorResponse error) {
                error.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
            }
            return problems.write(exchange, problem);
        };
    }

    private static ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex, ProblemMessages messages) {
        Locale locale = ReactiveProblems.locale(exchange);
        if (ex instanceof AuthenticationServiceException) {
            try (var traced = ReactiveTraceIds.inLogs(exchange)) {
                log.warn("Cannot verify a bearer token: {}", ex.getMessage());
            }
            return messages.problem(HttpStatus.SERVICE_UNAVAILABLE, "issuer-unavailable", locale);
        }
        if (ex instanceof InvalidRequestException invalid) {
            return messages.invalid(invalid.violations(), locale);
        }
        if (ex instanceof ServerWebInputException input && unreadableBody(input)) {
            return messages.invalid(JsonReadErrors.describe(input), locale);
        }
        if (ex instanceof ServerWebInputException input && input.getCause() instanceof TypeMismatchException mismatch) {
            return messages.invalid(List.of(Violation.ofMismatch(parameterName(input.getMethodParameter()), mismatch)), locale);
        }
        if (ex instanceof ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
            return messages.localize(error, locale);
        }
        if (ex instanceof ProblemException platform) {
            return messages.localize(platform, locale); // a 503 the platform named (a peer unavailable)
        }
        HttpStatus status = ex instanceof ErrorResponse error && HttpStatus.resolve(error.getStatusCode().value()) != null
                ? HttpStatus.valueOf(error.getStatusCode().value()) : HttpStatus.INTERNAL_SERVER_ERROR;
        try (var traced = ReactiveTraceIds.inLogs(exchange)) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        }
        return messages.problem(status, Problems.codeFor(status.value()), locale);
    }

    /** A query parameter or path variable as the API spells it. */
    private static String parameterName(@org.jspecify.annotations.Nullable MethodParameter parameter) {
        if (parameter == null) {
            return "?";
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable != null && !variable.name().isEmpty()) {
            return variable.name();
        }
        return String.valueOf(parameter.getParameterName());
    }

    private static boolean unreadableBody(ServerWebInputException input) {
        for (Throwable cause = input.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DecodingException || cause instanceof JacksonException) {
                return true;
            }
        }
        return false;
    }
}

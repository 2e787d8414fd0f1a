package cn.hongqiao.samecity.defaults.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * RFC 9457 errors for the reactive stack (the gateway): whatever escapes a handler or a route,
 * including "no route" 404s, answers as a problem, and a 5xx never shows internals.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
public class ReactiveProblemAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReactiveProblemAutoConfiguration.class);

    @Bean
    @Order(-2)
    WebExceptionHandler problemWebExceptionHandler(JsonMapper json) {
        return (exchange, ex) -> {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(ex);
            }
            ProblemDetail problem = toProblem(exchange, ex);
            if (ex instanceof ErrorResponse error) {
                error.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
            }
            return ReactiveProblems.write(exchange, json, problem);
        };
    }

    private static ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof AuthenticationServiceException) {
            try (var traced = ReactiveTraceIds.inLogs(exchange)) {
                log.warn("Cannot verify a bearer token: {}", ex.getMessage());
            }
            return Problems.issuerUnavailable();
        }
        if (ex instanceof ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
            ProblemDetail body = error.getBody();
            if (error.getStatusCode().value() == 404 && body.getDetail() == null) {
                body.setDetail("No resource at this path.");
            }
            if (body.getTitle() == null) {
                HttpStatus status = HttpStatus.resolve(body.getStatus());
                body.setTitle(status == null ? "Error" : status.getReasonPhrase());
            }
            return body;
        }
        HttpStatus status = ex instanceof ErrorResponse error && HttpStatus.resolve(error.getStatusCode().value()) != null
                ? HttpStatus.valueOf(error.getStatusCode().value()) : HttpStatus.INTERNAL_SERVER_ERROR;
        try (var traced = ReactiveTraceIds.inLogs(exchange)) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        }
        return Problems.of(status, status.getReasonPhrase(),
                "The request could not be completed. Quote the traceId when reporting this.");
    }
}

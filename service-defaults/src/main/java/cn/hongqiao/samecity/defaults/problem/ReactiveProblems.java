package cn.hongqiao.samecity.defaults.problem;

import java.util.Locale;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes problems as reactive answers, in the caller's language: for the writers outside WebFlux
 * handlers (security, gateway filters) and the platform's {@code WebExceptionHandler}.
 */
public class ReactiveProblems {

    private final JsonMapper json;
    private final ProblemMessages messages;

    public ReactiveProblems(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
    }

    public ProblemMessages messages() {
        return messages;
    }

    /** The caller's language: Chinese unless {@code Accept-Language} prefers English. */
    public static Locale locale(ServerWebExchange exchange) {
        return ProblemMessages.localeOf(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** Writes a problem of this code, worded by {@code problem.<code>.*} with the arguments. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String code, Object... arguments) {
        return write(exchange, messages.problem(status, code, locale(exchange), arguments));
    }

    /**
     * Completes a worded problem with its code, the request's path and trace id and writes it with
     * its status as {@code application/problem+json}; headers the caller set before (Retry-After,
     * WWW-Authenticate...) stay.
     */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        Problems.complete(problem, exchange);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(Problems.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLanguage(locale(exchange));
        byte[] body = json.writeValueAsBytes(Problems.members(problem));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}

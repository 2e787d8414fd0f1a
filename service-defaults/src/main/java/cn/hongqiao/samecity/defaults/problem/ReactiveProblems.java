package cn.hongqiao.samecity.defaults.problem;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/** Writes a problem as a reactive answer, for the writers outside WebFlux handlers (security, gateway filters). */
public final class ReactiveProblems {

    private ReactiveProblems() {
    }

    /**
     * Completes the problem with the request's path and trace id and writes it with its status as
     * {@code application/problem+json}; headers the caller set before (Retry-After,
     * WWW-Authenticate...) stay.
     */
    public static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ProblemDetail problem) {
        Problems.complete(problem, exchange);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(Problems.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(Problems.members(problem));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}

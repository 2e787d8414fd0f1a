package cn.hongqiao.samecity.gateway.routes;

import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The gateway's own reads from the services, for the answers it puts together (the dashboard, the
 * audit trail): each bounded by its service's timeout, with the caller's token when the read needs
 * a role, and a failure told by its reason instead of thrown, so that one service missing leaves
 * the others' answers standing.
 */
@Component
public class BackendReads {

    /**
     * One service's part of an answer: its data, or why it is missing.
     *
     * @param available whether the data could be read
     * @param reason    why not: timeout, unreachable, failed-response, malformed-response, unauthorized, forbidden, not-configured
     * @param data      the service's answer, as that operation answers it
     */
    public record Section(boolean available, @Nullable String reason, @Nullable Object data) {
        public static Section of(Object data) {
            return new Section(true, null, data);
        }

        public static Section unavailable(String reason) {
            return new Section(false, reason, null);
        }
    }

    private final BackendServices backends;
    private final WebClient client;

    public BackendReads(BackendServices backends, WebClient.Builder builder) {
        this.backends = backends;
        this.client = builder.build();
    }

    public BackendServices backends() {
        return backends;
    }

    /**
     * {@code GET pathAndQuery} (already encoded) on {@code service}, with {@code authorization}
     * when given and the client's address as the gateway saw it when known.
     */
    public Mono<Section> get(String service, String pathAndQuery, @Nullable String authorization, @Nullable String clientAddress) {
        BackendServices.Backend backend = backends.services().get(service);
        if (backend == null) {
            return Mono.just(Section.unavailable("not-configured"));
        }
        WebClient.RequestHeadersSpec<?> call = client.get().uri(java.net.URI.create(backend.uri() + pathAndQuery));
        if (authorization != null) {
            call = call.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (clientAddress != null) {
            call = call.header("X-Forwarded-For", clientAddress);
        }
        return call.retrieve().bodyToMono(JsonNode.class)
                .timeout(backend.timeout())
                .map(Section::of)
                .onErrorResume(e -> Mono.just(Section.unavailable(reason(e))));
    }

    static String reason(Throwable e) {
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        if (e instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            return status == 401 ? "unauthorized" : status == 403 ? "forbidden" : "failed-response";
        }
        if (e.getClass().getName().contains("Decod") || e.getClass().getName().startsWith("tools.jackson")) {
            return "malformed-response";
        }
        return "unreachable";
    }
}

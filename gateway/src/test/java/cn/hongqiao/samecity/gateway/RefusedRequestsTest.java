package cn.hongqiao.samecity.gateway;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import cn.hongqiao.samecity.defaults.problem.Problems;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Reactor Netty or WebFlux refuse before any route or handler runs answer RFC 9457
 * problems in the caller's language, never an empty body. Sent over a raw socket, as no HTTP
 * client would send them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys" })
class RefusedRequestsTest {

    @LocalServerPort
    int port;

    @Test
    void anOverLongUriIs414Problem() throws IOException {
        String answer = send("GET /api/v1/projects?q=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertProblem(answer, 414, "uri-too-long");
        assertThat(answer).contains("\"title\":\"请求地址过长\"");
    }

    @Test
    void anOverLongHeaderIs431ProblemInTheCallersLanguage() throws IOException {
        String answer = send("GET /api/v1/projects HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\nX-Big: "
                + "y".repeat(10_000) + "\r\n\r\n");
        assertProblem(answer, 431, "headers-too-large");
    }

    @Test
    void aTargetThatIsNoUriIsA400Problem() throws IOException {
        assertProblem(send("GET /api/v1/projects/a|b{c} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void aMalformedRequestLineIsA400Problem() throws IOException {
        assertProblem(send("GET /api/v1/projects HTTP/1.1 trailing\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void aPathTheFirewallRefusesIsA400Problem() throws IOException {
        assertProblem(send("GET /api/v1/projects/%2e%2e/actuator/env HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "bad-request");
        assertProblem(send("GET /api/v1/projects;jsessionid=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "bad-request");
    }

    @Test
    void aControlCharacterInAHeaderTheGatewayReadsIsA400Problem() throws IOException {
        // U+0085 (NEL), sent as the byte 0x85, is a C1 control character
        assertProblem(send("GET /api/v1/projects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer abc\u0085\r\n"
                + "Connection: close\r\n\r\n"), 400, "bad-request");
    }

    /**
     * The server refuses a response header carrying CR/LF when it is set (Reactor Netty's header
     * validation), so no handler's mistake can split a response: the security chain leaves this check
     * to it ({@code OneChainProxy}). {@link EchoIntoAResponseHeader} plays such a mistake.
     */
    @Test
    void aResponseHeaderCarryingCrLfIsNeverSent() throws IOException {
        String answer = send("GET /actuator/health?echo=a%0D%0AX-Injected:%201 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 500, "internal-error");
        assertThat(answer).doesNotContainIgnoringCase("X-Injected").doesNotContainIgnoringCase("X-Echo");
        assertThat(send("GET /actuator/health?echo=harmless HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200").containsIgnoringCase("X-Echo: harmless");
    }

    /** Writes the {@code echo} parameter into a response header, as a careless handler would. */
    @TestConfiguration
    static class EchoIntoAResponseHeader {

        @Bean
        WebFilter echoIntoAResponseHeader() {
            return (exchange, chain) -> {
                String echo = exchange.getRequest().getQueryParams().getFirst("echo");
                if (echo != null) {
                    exchange.getResponse().getHeaders().set("X-Echo", echo);
                }
                return chain.filter(exchange);
            };
        }
    }

    private static void assertProblem(String answer, int status, String code) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
        assertThat(answer).contains("\"code\":\"" + code + "\"").contains("\"type\":\"" + Problems.TYPE_BASE + code + "\"")
                .contains("\"status\":" + status);
    }

    /** The whole answer to one raw request; the server closes the connection after refusing it. */
    private String send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

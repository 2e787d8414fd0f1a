package cn.hongqiao.samecity.defaults.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses itself, before Spring sees them, answer RFC 9457 problems in the
 * caller's language, never Tomcat's HTML page or an empty body. Sent over a raw socket, since no
 * HTTP client would send them.
 */
@SpringBootTest(classes = DefaultsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "platform.mongodb.embedded=true", "platform.mongodb.storage=memory",
        "platform.security.local-tokens.enabled=true", "platform.security.local-tokens.key-dir=target/test-keys",
        "platform.security.public-get=/api/v1/widgets/**", "spring.application.name=defaults-test" })
class ContainerProblemsTest {

    @LocalServerPort
    int port;

    @Test
    void aCharacterNotAllowedUnencodedInTheRequestLineIsAProblem() throws IOException {
        String answer = send("GET /api/v1/widgets/a|b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertProblem(answer, 400, "bad-request");
        assertThat(answer).contains("\"title\":\"无法解析的请求\"");
    }

    @Test
    void anEncodedSlashIsAProblem() throws IOException {
        String answer = send("GET /api/v1/widgets/a%2Fb HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\nConnection: close\r\n\r\n");
        assertProblem(answer, 400, "bad-request");
        assertThat(answer).contains("\"title\":\"Unparseable request\"").contains("Content-Language: en");
    }

    @Test
    void anOverLongUriAndAnOverLongHeaderAreProblems() throws IOException {
        assertProblem(send("GET /api/v1/widgets/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "bad-request");
        assertProblem(send("GET /api/v1/widgets/x HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void aMalformedRequestLineIsAProblem() throws IOException {
        assertProblem(send("GET /api/v1/widgets/x HTTP/1.1 trailing\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad-request");
    }

    private static void assertProblem(String answer, int status, String code) {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"code\":\"" + code + "\"").contains("\"type\":\"" + Problems.TYPE_BASE + code + "\"")
                .contains("\"status\":" + status).doesNotContain("<html", "Apache Tomcat");
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // the server closes after refusing; what was read is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}

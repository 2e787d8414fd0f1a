package cn.hongqiao.samecity.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Talking to the processes the launcher started: waiting until one answers 200 on a URL (saying why
 * when it does not), and asking one for a token.
 */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {
    }

    /** Returns once {@code url} answers 200; fails when {@code process} exits (with its log's last lines) or at {@code deadline}. */
    static void await(String what, URI url, Process process, Path log, Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + process.exitValue() + "; see " + log + "\n" + tail(log, 25));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        throw new IllegalStateException(what + " was not ready in time; see " + log);
    }

    /** POSTs {@code body} ({@code contentType}) to {@code url} and reads the JSON string member {@code member} of a 200 answer. */
    static String token(URI url, String contentType, String body, String member) {
        try {
            HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"" + member + "\"\\s*:\\s*\"([^\"]+)\"").matcher(issued.body());
            if (issued.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("no token from " + url + ": HTTP " + issued.statusCode() + " " + issued.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}

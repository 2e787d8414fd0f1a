package cn.hongqiao.samecity.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The partner regions' exchange systems for {@code ./run-local}: 北京市丰台区, 北京市大兴区 and 河北省唐山市,
 * played by WireMock standalone (they are systems outside the platform) on the base port + 20,
 * each at {@code /partners/<region>/exchange}. They acknowledge every message Hongqiao sends with
 * the protocol's receipt, and answer a hand-off the way a deciding office would, after
 * {@code --partner-delay} (default 3 s) per step, through the gateway with the partner's own token:
 * Fengtai asks for a correction first (户口簿复印件), then accepts, handles and approves the
 * resubmitted case; Daxing and Tangshan accept, handle and approve at once. A message without
 * Hongqiao's credential at that partner is refused (401).
 */
final class PartnerSimulator {

    /** Region code → the name in the configuration variables (EXCHANGE_FENGTAI_URL…) and the office that decides there. */
    record Partner(String region, String key, String name, String office) {
    }

    static final List<Partner> PARTNERS = List.of(
            new Partner("110106", "FENGTAI", "北京市丰台区", "北京市丰台区人力资源和社会保障局"),
            new Partner("110115", "DAXING", "北京市大兴区", "北京市大兴区市场监督管理局"),
            new Partner("130200", "TANGSHAN", "河北省唐山市", "唐山市公安局"));

    private final Path jar;
    private final Path home;
    private final int port;
    private final URI gateway;
    private final Duration delay;
    private Process process;

    PartnerSimulator(Path jar, Path home, int port, URI gateway, Duration delay) {
        this.jar = jar;
        this.home = home;
        this.port = port;
        this.gateway = gateway;
        this.delay = delay;
    }

    int port() {
        return port;
    }

    Path log() {
        return home.resolve("logs").resolve("partners.log");
    }

    /** What services-service is given: each partner's address and Hongqiao's credential there. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Partner p : PARTNERS) {
            env.put("EXCHANGE_" + p.key() + "_URL", "http://localhost:" + port + "/partners/" + p.region() + "/exchange");
            env.put("EXCHANGE_" + p.key() + "_TOKEN", credential(p));
        }
        return env;
    }

    /** Writes the partners' behaviour, with {@code tokenOf} giving each partner's token at the gateway, and starts WireMock. */
    void start(Function<String, String> tokenOf) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build first: ./mvnw -DskipTests package");
        }
        try {
            Path root = home.resolve("partners");
            Path mappings = Files.createDirectories(root.resolve("mappings"));
            try (var old = Files.list(mappings)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            for (Partner p : PARTNERS) {
                Files.writeString(mappings.resolve(p.region() + ".json"), mappingsOf(p, tokenOf.apply(p.region())), StandardCharsets.UTF_8);
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--port", String.valueOf(port),
                    "--bind-address", "127.0.0.1", "--root-dir", root.toString(), "--global-response-templating", "--disable-banner"));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the partner regions' simulated systems", e);
        }
    }

    Process process() {
        return process;
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Partner p : PARTNERS) {
            lines.add(String.format("  Partner     %s %s http://localhost:%d/partners/%s/exchange (simulated)", p.region(), p.name(), port, p.region()));
        }
        return lines;
    }

    private static String credential(Partner p) {
        return "hongqiao-at-" + p.region() + "-local";
    }

    private String mappingsOf(Partner p, String partnerToken) {
        String base = "/partners/" + p.region() + "/exchange";
        List<String> stubs = new ArrayList<>();
        List<String> decision = p.region().equals("110106")
                ? List.of(message(p, 1, "CORRECTION_REQUESTED", "\"missing\": [\"户口簿复印件\"], \"note\": \"请补充户口簿复印件\""))
                : List.of(message(p, 1, "ACCEPTED", null), message(p, 2, "HANDLING_STARTED", null),
                        message(p, 3, "COMPLETED", "\"outcome\": \"APPROVED\", \"note\": \"准予办理\""));
        stubs.add(stub(base + "/hand-offs", null, 5, webhooks(decision, partnerToken), credential(p)));
        if (p.region().equals("110106")) {
            stubs.add(stub(base + "/hand-offs/[^/]+/messages", "RESUBMISSION", 4, webhooks(List.of(message(p, 2, "ACCEPTED", null),
                    message(p, 3, "HANDLING_STARTED", null), message(p, 4, "COMPLETED", "\"outcome\": \"APPROVED\", \"note\": \"准予办理\"")),
                    partnerToken), credential(p)));
        }
        stubs.add(stub(base + "/hand-offs/[^/]+/messages", null, 6, "[]", credential(p)));
        stubs.add("""
                {"priority": 9, "request": {"urlPathPattern": "%s/.*", "method": "POST"},
                 "response": {"status": 401, "headers": {"Content-Type": "application/problem+json"},
                              "body": "{\\"title\\": \\"未授权\\", \\"status\\": 401}"}}""".formatted(base));
        return "{\"mappings\": [" + String.join(",\n", stubs) + "]}";
    }

    private static String stub(String pathPattern, String kind, int priority, String webhooks, String credential) {
        String bodyMatch = kind == null ? "" : ", \"bodyPatterns\": [{\"matchesJsonPath\": \"$[?(@.kind == '" + kind + "')]\"}]";
        return """
                {"priority": %d,
                 "request": {"urlPathPattern": "%s", "method": "POST",
                             "headers": {"Authorization": {"equalTo": "Bearer %s"}}%s},
                 "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                              "body": "{\\"correlationId\\": \\"{{jsonPath request.body '$.correlationId'}}\\", \\"sequence\\": {{jsonPath request.body '$.sequence'}}, \\"status\\": \\"APPLIED\\"}"},
                 "serveEventListeners": %s}""".formatted(priority, pathPattern, credential, bodyMatch, webhooks);
    }

    /** The partner's answers, one step every {@code delay}, posted to the gateway as the partner. */
    private String webhooks(List<String> messages, String partnerToken) {
        List<String> hooks = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            hooks.add("""
                    {"name": "webhook", "parameters": {"method": "POST",
                      "url": "%s/api/v1/exchange/hand-offs/{{jsonPath originalRequest.body '$.correlationId'}}/messages",
                      "headers": {"Content-Type": "application/json", "Authorization": "Bearer %s"},
                      "delay": {"type": "fixed", "milliseconds": %d},
                      "body": %s}}""".formatted(gateway, partnerToken, delay.toMillis() * (i + 1), quoted(messages.get(i))));
        }
        return "[" + String.join(",", hooks) + "]";
    }

    private static String message(Partner p, int sequence, String kind, String more) {
        return "{\"correlationId\": \"{{jsonPath originalRequest.body '$.correlationId'}}\", \"sequence\": " + sequence + ", \"kind\": \"" + kind
                + "\", \"occurredAt\": \"{{now}}\", \"fromRegion\": \"" + p.region() + "\", \"office\": \"" + p.office() + "\""
                + (more == null ? "" : ", " + more) + "}";
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package cn.hongqiao.samecity.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for {@code ./run-local --keycloak}: the distribution from Maven Central
 * ({@code org.keycloak:keycloak-quarkus-dist}, in the local Maven repository), unpacked under the
 * home folder, started in development mode with the checked-in realm ({@code keycloak/samecity-realm.json},
 * its redirect URIs pointed at this gateway) imported afresh at every start. Every process then
 * trusts its issuer instead of the local key, and the portal signs in through Keycloak's own page.
 */
final class LocalKeycloak {

    static final String VERSION = "25.0.6";
    static final String REALM = "samecity";
    static final String CLIENT = "portal-web";

    private final Path root;
    private final Path home;
    private final int port;
    private final URI gateway;
    private Process process;

    LocalKeycloak(Path root, Path home, int port, URI gateway) {
        this.root = root;
        this.home = home;
        this.port = port;
        this.gateway = gateway;
    }

    URI issuer() {
        return URI.create("http://localhost:" + port + "/realms/" + REALM);
    }

    int port() {
        return port;
    }

    Path log() {
        return home.resolve("logs").resolve("keycloak.log");
    }

    static Path distribution() {
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return Path.of(repository, "org", "keycloak", "keycloak-quarkus-dist", VERSION, "keycloak-quarkus-dist-" + VERSION + ".zip");
    }

    /** Unpacks when needed, writes the realm for this gateway, and starts Keycloak. */
    void start() {
        Path zip = distribution();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing; fetch it: ./mvnw dependency:get -Dtransitive=false "
                    + "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip (./run-local --keycloak does)");
        }
        try {
            Path installed = home.resolve("keycloak").resolve("keycloak-" + VERSION);
            if (!Files.isRegularFile(installed.resolve("bin").resolve("kc.sh"))) {
                unzip(zip, home.resolve("keycloak"));
            }
            deleteRecursively(installed.resolve("data").resolve("h2"));
            Path imports = Files.createDirectories(installed.resolve("data").resolve("import"));
            String realm = Files.readString(root.resolve("keycloak").resolve("samecity-realm.json"), StandardCharsets.UTF_8)
                    .replace("http://localhost:8080", gateway.toString());
            Files.writeString(imports.resolve("samecity-realm.json"), realm, StandardCharsets.UTF_8);
            // Keycloak knows nothing of the launcher: a watchdog shell stops it when the launcher is gone,
            // even killed, as the services stop themselves (platform.local.parent-pid)
            String watchdog = "\"$0\" \"$@\" & KC=$!; trap 'kill $KC 2>/dev/null' TERM INT; "
                    + "while kill -0 $PARENT_PID 2>/dev/null && kill -0 $KC 2>/dev/null; do sleep 1; done; kill $KC 2>/dev/null; wait $KC";
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", watchdog, installed.resolve("bin").resolve("kc.sh").toString(),
                    "start-dev", "--http-port=" + port, "--http-management-port=" + (port + 1), "--import-realm", "--health-enabled=true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log().toFile()));
            builder.environment().put("PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KEYCLOAK_ADMIN", "admin");
            builder.environment().put("KEYCLOAK_ADMIN_PASSWORD", "admin");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak", e);
        }
    }

    /** Ready when the realm's OpenID configuration answers. */
    void waitUntilReady(Instant deadline) {
        Readiness.await("Keycloak", URI.create(issuer() + "/.well-known/openid-configuration"), process, log(), deadline);
    }

    /** The portal's runtime configuration for this Keycloak, in a folder the gateway serves before the build's. */
    Path portalConfigFolder() {
        Path folder = home.resolve("portal-config");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("portal-config.json"), """
                    {"apiBase": "", "auth": {"mode": "oidc", "issuer": "%s", "clientId": "%s"}, "refreshSeconds": 30}
                    """.formatted(issuer(), CLIENT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    Process process() {
        return process;
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                    if (target.getFileName().toString().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    List<String> summary() {
        return List.of("  Keycloak    " + "http://localhost:" + port + "/admin (admin / admin); realm " + REALM
                + ", users citizen-demo, enterprise-demo, officer-demo, admin-demo (password = user name)");
    }
}

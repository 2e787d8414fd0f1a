package cn.hongqiao.samecity.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local platform: the three services (embedded MongoDB, local tokens, seeds) and the gateway,
 * each its own JVM as in production, started from the built jars. Waits until every process is
 * ready, prints where things are, and stops every process it started when it is stopped itself
 * (Ctrl-C, SIGTERM). The services also watch this process and exit if it dies, so nothing is
 * left behind. It supervises them as Kubernetes would: one that exits is reported (name, exit
 * code, its log's last lines) and started again after a back-off that doubles with each exit in
 * a row (1 s, 2 s, 4 s... at most 30 s); one that exits {@code --max-restarts} times in a row
 * without becoming ready again is left stopped, saying so.
 *
 * <p>Options: {@code --home=DIR} (data, keys and logs; default {@code .local}),
 * {@code --base-port=N} (gateway on N, services on N+1..N+3, the partner regions' simulated
 * systems on N+20; default 8080), {@code --root=DIR} (the repository; default: found from this
 * jar), {@code --partner-delay=3s} (how long a simulated partner takes per step), {@code --keycloak},
 * {@code --max-restarts=N} (default 5; 0 reports an exit and restarts nothing), {@code --restart-backoff=1s}.
 */
public final class LocalPlatform implements AutoCloseable {

    /** One process of the platform. */
    record Component(String name, String module, int portOffset) {
    }

    static final List<Component> COMPONENTS = List.of(
            new Component("projects-service", "projects-service", 1),
            new Component("enterprise-service", "enterprise-service", 2),
            new Component("services-service", "services-service", 3),
            new Component("gateway", "gateway", 0));

    /**
     * Small and quick to start (C1 only, a 256 MB serial heap): the local platform is for
     * development. {@code LOCAL_PLATFORM_JVM_OPTIONS} replaces them (benchmarks use full JIT).
     */
    static final List<String> JVM_OPTIONS = jvmOptions(System.getenv("LOCAL_PLATFORM_JVM_OPTIONS"));

    static List<String> jvmOptions(String override) {
        if (override != null && !override.isBlank()) {
            List<String> options = new ArrayList<>(List.of(override.trim().split("\\s+")));
            options.add("-Dfile.encoding=UTF-8");
            return List.copyOf(options);
        }
        return List.of("-XX:+UseSerialGC", "-Xms48m", "-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=64m", "-Dfile.encoding=UTF-8");
    }

    private final Path root;
    private final Path home;
    private final int basePort;
    private final List<Running> running = new ArrayList<>();
    private LocalKeycloak keycloak;
    private PartnerSimulator partners;
    private Duration partnerDelay = Duration.ofSeconds(3);
    private int maxRestarts = 5;
    private Duration restartBackoff = Duration.ofSeconds(1);
    static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    private boolean closing;
    private final java.util.concurrent.ScheduledExecutorService supervisor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-platform-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A started process: when, and how many times in a row its component had exited before without
     * becoming ready again ({@code exitsBefore}); {@code ready} once its readiness probe answered.
     */
    record Running(Component component, Process process, int port, Path log, Instant started, int exitsBefore,
            java.util.concurrent.atomic.AtomicBoolean ready) {
    }

    public LocalPlatform(Path root, Path home, int basePort) {
        this.root = root.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.basePort = basePort;
    }

    public static void main(String[] args) throws Exception {
        Path root = null;
        Path home = null;
        int basePort = 8080;
        boolean withKeycloak = false;
        Duration partnerDelay = Duration.ofSeconds(3);
        int maxRestarts = 5;
        Duration restartBackoff = Duration.ofSeconds(1);
        for (String arg : args) {
            if (arg.startsWith("--root=")) {
                root = Path.of(arg.substring(7));
            } else if (arg.startsWith("--home=")) {
                home = Path.of(arg.substring(7));
            } else if (arg.startsWith("--base-port=")) {
                basePort = Integer.parseInt(arg.substring(12));
            } else if (arg.equals("--keycloak")) {
                withKeycloak = true;
            } else if (arg.startsWith("--partner-delay=")) {
                partnerDelay = duration(arg.substring(16));
            } else if (arg.startsWith("--max-restarts=")) {
                maxRestarts = Integer.parseInt(arg.substring(15));
            } else if (arg.startsWith("--restart-backoff=")) {
                restartBackoff = duration(arg.substring(18));
            } else {
                System.err.println("Unknown option " + arg + "; options: --home=DIR --base-port=N --root=DIR --keycloak --partner-delay=3s"
                        + " --max-restarts=5 --restart-backoff=1s");
                System.exit(2);
            }
        }
        root = root != null ? root : defaultRoot();
        home = home != null ? home : root.resolve(".local");
        LocalPlatform platform = new LocalPlatform(root, home, basePort);
        platform.partnerDelay = partnerDelay;
        platform.supervise(maxRestarts, restartBackoff);
        if (withKeycloak) {
            platform.withKeycloak();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the platform...");
            platform.close();
            System.out.println("All platform processes stopped.");
        }, "local-platform-stop"));
        try {
            platform.start(Duration.ofSeconds(180));
        } catch (IllegalStateException e) {
            System.err.println("The platform did not start: " + e.getMessage());
            System.exit(1);
        }
        platform.printSummary();
        Thread.currentThread().join();
    }

    /** {@code 3s}, {@code 500ms} or an ISO-8601 duration. */
    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s") && !text.startsWith("P")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        return Duration.parse(text);
    }

    private static Path defaultRoot() {
        try {
            Path jar = Path.of(LocalPlatform.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // <root>/local-platform/target/local-platform.jar (or target/classes)
            Path candidate = jar.getParent().getParent().getParent();
            if (Files.exists(candidate.resolve("gateway"))) {
                return candidate;
            }
        } catch (Exception ignored) {
            // fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** How many exits in a row a process is restarted after (0: none), and the first back-off. */
    public void supervise(int maxRestarts, Duration firstBackoff) {
        if (maxRestarts < 0 || firstBackoff.isNegative()) {
            throw new IllegalArgumentException("--max-restarts and --restart-backoff cannot be negative");
        }
        this.maxRestarts = maxRestarts;
        this.restartBackoff = firstBackoff;
    }

    /** Signs in through a real Keycloak (on base port + 10) instead of the local demo tokens. */
    public void withKeycloak() {
        keycloak = new LocalKeycloak(root, home, basePort + 10, gatewayUrl());
    }

    public int port(String component) {
        return COMPONENTS.stream().filter(c -> c.name().equals(component)).findFirst()
                .map(c -> basePort + c.portOffset()).orElseThrow();
    }

    public URI gatewayUrl() {
        return URI.create("http://localhost:" + port("gateway"));
    }

    public synchronized List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(running.stream().map(r -> r.process().toHandle()).toList());
        if (partners != null && partners.process() != null) {
            all.add(partners.process().toHandle());
        }
        return all;
    }

    /** Keycloak, when the platform runs with it. */
    public java.util.Optional<ProcessHandle> keycloakProcess() {
        return keycloak == null || keycloak.process() == null ? java.util.Optional.empty() : java.util.Optional.of(keycloak.process().toHandle());
    }

    /** Starts every component and waits until each reports ready, or fails naming the one that did not. */
    public void start(Duration timeout) {
        for (Component component : COMPONENTS) {
            Path jar = jar(component);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build first: ./mvnw -DskipTests package");
            }
            int port = basePort + component.portOffset();
            if (!portFree(port)) {
                throw new IllegalStateException("port " + port + " (" + component.name()
                        + ") is in use; is the platform already running? Stop it, or choose --base-port=N");
            }
        }
        try {
            Files.createDirectories(home.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(timeout);
        if (keycloak != null) {
            keycloak.start();
            try {
                keycloak.waitUntilReady(deadline.plus(Duration.ofSeconds(60)));
            } catch (IllegalStateException e) {
                close();
                throw e;
            }
        }
        partners = new PartnerSimulator(root.resolve("local-platform").resolve("target").resolve("partners").resolve("wiremock-standalone.jar"),
                home, basePort + 20, gatewayUrl(), partnerDelay);
        if (!portFree(partners.port())) {
            close();
            throw new IllegalStateException("port " + partners.port() + " (the simulated partner systems) is in use; choose --base-port=N");
        }
        for (Component component : COMPONENTS) {
            try {
                running.add(launch(component, 0));
            } catch (UncheckedIOException e) {
                close();
                throw e;
            }
        }
        for (Running r : running) {
            waitUntilReady(r, deadline);
            r.ready().set(true);
        }
        if (partners != null) {
            try {
                partners.start(region -> keycloak == null ? partnerToken(region) : keycloak.partnerToken(region));
                Readiness.await("the simulated partner systems", URI.create("http://localhost:" + partners.port() + "/__admin/health"),
                        partners.process(), partners.log(), deadline.plus(Duration.ofSeconds(30)));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        for (Running r : running) {
            r.process().onExit().thenRun(() -> exited(r));
        }
    }

    /** {@code r} exited on its own (or was killed): say so, and start it again unless it keeps failing. */
    private void exited(Running r) {
        synchronized (this) {
            if (closing) {
                return;
            }
        }
        String name = r.component().name();
        int inARow = r.ready().get() ? 1 : r.exitsBefore() + 1;
        say("✗ " + name + " (pid " + r.process().pid() + ") exited with code " + r.process().exitValue() + " after "
                + seconds(Duration.between(r.started(), Instant.now())) + (r.ready().get() ? "" : ", before it was ready")
                + "; its log: " + r.log() + "\n" + Readiness.tail(r.log(), 10).indent(4).stripTrailing());
        if (maxRestarts == 0) {
            say("  " + name + " is not restarted (--max-restarts=0); the rest of the platform keeps running.");
            return;
        }
        if (inARow > maxRestarts) {
            say("✗ " + name + " exited " + inARow + " times in a row without becoming ready: not restarting it again (--max-restarts="
                    + maxRestarts + "). The rest of the platform keeps running; fix what its log says, then start the platform again.");
            return;
        }
        Duration delay = backoff(restartBackoff, inARow);
        say("↻ restarting " + name + " in " + seconds(delay) + " (restart " + inARow + " of at most " + maxRestarts + " in a row)");
        supervisor.schedule(() -> restart(r.component(), inARow), delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The wait before restart number {@code inARow}: {@code first}, doubled each time, at most {@link #LONGEST_BACKOFF}. */
    static Duration backoff(Duration first, int inARow) {
        Duration delay = first.multipliedBy(1L << Math.min(inARow - 1, 16));
        return delay.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : delay;
    }

    private void restart(Component component, int exitsBefore) {
        Running again;
        synchronized (this) {
            if (closing) {
                return;
            }
            try {
                again = launch(component, exitsBefore);
            } catch (RuntimeException e) {
                say("✗ " + component.name() + " could not be started again: " + e.getMessage());
                return;
            }
            running.removeIf(r -> r.component().equals(component));
            running.add(again);
        }
        again.process().onExit().thenRun(() -> exited(again));
        Thread watch = new Thread(() -> {
            try {
                Readiness.await(component.name(), URI.create("http://localhost:" + again.port() + "/actuator/health/readiness"), again.process(),
                        again.log(), Instant.now().plus(Duration.ofSeconds(180)));
                again.ready().set(true);
                say("✓ " + component.name() + " is back: pid " + again.process().pid() + ", ready after "
                        + seconds(Duration.between(again.started(), Instant.now())));
            } catch (IllegalStateException notReady) {
                // its exit is reported by exited(); one that hangs unready is left to the person watching
                if (again.process().isAlive()) {
                    say("✗ " + component.name() + " (pid " + again.process().pid() + ") is running but not ready after 180 s; its log: " + again.log());
                }
            }
        }, "local-platform-ready-" + component.name());
        watch.setDaemon(true);
        watch.start();
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : d.toSeconds() + " s";
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** A partner region's token at the gateway (local mode: the demo-token endpoint), for the simulated partner's answers. */
    private String partnerToken(String region) {
        return Readiness.token(URI.create(gatewayUrl() + "/api/v1/local/tokens"), "application/json",
                "{\"role\": \"partner\", \"region\": \"" + region + "\"}", "accessToken");
    }

    private Path jar(Component component) {
        return root.resolve(component.module()).resolve("target").resolve(component.module() + ".jar");
    }

    private Running launch(Component component, int exitsBefore) {
        int port = basePort + component.portOffset();
        Path log = home.resolve("logs").resolve(component.name() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar(component).toString());
        command.add("--spring.profiles.active=local");
        command.add("--server.port=" + port);
        command.add("--platform.mongodb.data-dir=" + home.resolve("data"));
        command.add("--platform.security.local-tokens.key-dir=" + home.resolve("keys"));
        if (System.getenv("PERSONAL_DATA_KEYSET_FILE") == null && System.getenv("PERSONAL_DATA_KEYSET") == null) {
            // beside the token key, under --home (a service without personal data ignores it)
            command.add("--platform.personal-data.keyset-file=" + home.resolve("keys").resolve("personal-data-${spring.application.name}.json"));
        }
        command.add("--platform.local.parent-pid=" + ProcessHandle.current().pid());
        if (keycloak != null) {
            command.add("--platform.security.local-tokens.enabled=false");
        }
        if (component.name().equals("gateway") && hasPortal()) {
            command.add("--spring.web.resources.static-locations=" + (keycloak == null ? ""
                    : keycloak.portalConfigFolder().toUri() + ",") + portal().toUri());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(exitsBefore == 0 ? ProcessBuilder.Redirect.to(log.toFile())
                        // a restart writes after what the exited process left (the reason it exited)
                        : ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("PROJECTS_SERVICE_URI", "http://localhost:" + port("projects-service"));
        env.put("ENTERPRISE_SERVICE_URI", "http://localhost:" + port("enterprise-service"));
        env.put("SERVICES_SERVICE_URI", "http://localhost:" + port("services-service"));
        env.remove("MONGODB_URI");
        if (keycloak != null) {
            env.put("OIDC_ISSUER_URI", keycloak.issuer().toString());
        }
        if (component.name().equals("services-service") && partners != null) {
            // a partner's address given to the launcher (a benchmark's partner, a real test system) wins over the simulated one
            partners.environment().forEach(env::putIfAbsent);
            // quick feedback locally: a partner that is down is tried again within seconds
            env.putIfAbsent("EXCHANGE_FIRST_RETRY", "PT2S");
            env.putIfAbsent("EXCHANGE_LONGEST_RETRY", "PT20S");
        }
        try {
            return new Running(component, builder.start(), port, log, Instant.now(), exitsBefore,
                    new java.util.concurrent.atomic.AtomicBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + component.name(), e);
        }
    }

    private void waitUntilReady(Running r, Instant deadline) {
        try {
            Readiness.await(r.component().name(), URI.create("http://localhost:" + r.port() + "/actuator/health/readiness"), r.process(),
                    r.log(), deadline);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    /** The portal's built files, which the gateway serves at / when they exist (run-local builds them). */
    private Path portal() {
        return root.resolve("portal").resolve("dist");
    }

    private boolean hasPortal() {
        return Files.exists(portal().resolve("index.html"));
    }

    void printSummary() {
        String gateway = gatewayUrl().toString();
        System.out.println();
        System.out.println("京津冀同城商务区 platform is running (local mode: embedded MongoDB, demo tokens, seeded data)");
        System.out.println("  Portal      " + (hasPortal() ? gateway + "/" : "not built (cd portal && npm ci && npm run build)"));
        System.out.println("  Gateway     " + gateway + "/api/v1/...");
        System.out.println("  Swagger UI  " + gateway + "/swagger-ui.html");
        if (keycloak == null) {
            System.out.println("  Demo token  curl -s -X POST " + gateway + "/api/v1/local/tokens -H 'Content-Type: application/json' -d '{\"role\":\"officer\"}'");
        } else {
            keycloak.summary().forEach(System.out::println);
        }
        for (Running r : running) {
            System.out.printf("  %-19s pid %-7d http://localhost:%d  log %s%n", r.component().name(), r.process().pid(), r.port(), r.log());
        }
        if (partners != null) {
            partners.summary().forEach(System.out::println);
        }
        System.out.println("  Data        " + home.resolve("data"));
        System.out.println("Platform ready. Press Ctrl-C to stop every process.");
    }

    /** Stops every process: a graceful SIGTERM, then a kill after 20 s for any that hangs. */
    @Override
    public synchronized void close() {
        closing = true;
        supervisor.shutdownNow();
        if (keycloak != null) {
            keycloak.stop();
        }
        if (partners != null) {
            partners.stop();
        }
        for (Running r : running) {
            r.process().descendants().forEach(ProcessHandle::destroy);
            r.process().destroy();
        }
        Instant deadline = Instant.now().plusSeconds(20);
        for (Running r : running) {
            try {
                long wait = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!r.process().waitFor(wait, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    r.process().destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                r.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

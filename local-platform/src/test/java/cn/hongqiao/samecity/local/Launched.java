package cn.hongqiao.samecity.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The start command's launcher as a person runs it (built jars, free ports, a fresh home), for the e2e tests. */
final class Launched implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A platform process's jar in its command line: what names its thread dump. */
    private static final java.util.regex.Pattern JAR = java.util.regex.Pattern.compile("([\\w-]+)\\.jar");

    final Process launcher;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    final String gateway;
    /** The platform's --home: data, keys and each process's log under logs/. */
    final Path home;

    private Launched(Process launcher, int basePort, Path home) {
        this.launcher = launcher;
        this.gateway = "http://localhost:" + basePort;
        this.home = home;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | UncheckedIOException ignored) {
                // launcher gone (lines() wraps the closed stream's IOException)
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the launcher with {@code options} and waits until it says the platform is ready. */
    static Launched start(String... options) throws Exception {
        return start(java.util.Map.of(), options);
    }

    /** The same, with {@code environment} added to the launcher's (which its processes inherit). */
    static Launched start(java.util.Map<String, String> environment, String... options) throws Exception {
        int basePort = freeBasePort();
        Path home = Files.createTempDirectory("samecity-e2e");
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", ROOT.resolve("local-platform/target/local-platform.jar").toString(),
                "--base-port=" + basePort, "--home=" + home));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Launched launched = new Launched(builder.start(), basePort, home);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (launched.output.stream().noneMatch(l -> l.contains("Platform ready."))) {
            assertThat(launched.launcher.isAlive()).as("launcher exited early:\n%s", String.join("\n", launched.output)).isTrue();
            assertThat(System.nanoTime()).as("platform not ready in time:\n%s", String.join("\n", launched.output)).isLessThan(deadline);
            Thread.sleep(500);
        }
        return launched;
    }

    /** portal/e2e scenarios (node's test runner, playwright-core, Debian's Chromium) against this platform. */
    void runPortalScenario(String... files) throws Exception {
        assertThat(ROOT.resolve("portal/dist/index.html")).as("the portal is built (portal module)").exists();
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
        for (String file : files) {
            command.add("e2e/" + file);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.resolve("portal").toFile()).redirectErrorStream(true);
        builder.environment().put("PORTAL_URL", gateway);
        Process node = builder.start();
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(5, TimeUnit.MINUTES)).isTrue();
        // the logs are read only for a failure's message, not after every passing run
        assertThat(node.exitValue()).as(() -> String.format("portal scenarios %s:%n%s%nthe platform's warnings and errors meanwhile:%n%s",
                List.of(files), out, warningsInLogs())).isZero();
    }

    /**
     * A thread dump of each of the platform's Java processes ({@code jcmd Thread.print}) under
     * logs/threads-&lt;n&gt;/, named by process, with {@code why} beside them: what a request that hangs
     * leaves for whoever reads the failure (a stall's cause is in what the threads wait on, and the
     * processes are gone once the test ends), and the same on the console. Returns the folder.
     */
    Path dumpThreads(String why) {
        Path folder = home.resolve("logs").resolve("threads-" + System.currentTimeMillis());
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("why.txt"), why + System.lineSeparator());
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            for (ProcessHandle process : launcher.descendants().toList()) {
                String command = process.info().commandLine().orElse("");
                java.util.regex.Matcher jar = JAR.matcher(command);
                if (!process.isAlive() || !command.contains("java") || !jar.find()) {
                    continue;
                }
                Process dump = new ProcessBuilder(jcmd, String.valueOf(process.pid()), "Thread.print", "-l")
                        .redirectErrorStream(true).redirectOutput(folder.resolve(jar.group(1) + "-" + process.pid() + ".txt").toFile()).start();
                if (!dump.waitFor(20, TimeUnit.SECONDS)) {
                    dump.destroyForcibly();
                }
            }
            // and on the console, which CI keeps when the machine's temporary folders are gone
            try (var dumps = Files.list(folder)) {
                for (Path dump : dumps.sorted().toList()) {
                    System.out.println("----- " + dump + System.lineSeparator() + Files.readString(dump));
                }
            }
        } catch (IOException e) {
            return folder; // the dumps are help for a failure's reader, never a failure of their own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return folder;
    }

    /** The last WARN and ERROR lines of each process's log (what a failed scenario's message carries). */
    String warningsInLogs() {
        StringBuilder found = new StringBuilder();
        try (var logs = Files.list(home.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception")).toList();
                found.append("--- ").append(log.getFileName()).append(": ").append(lines.size()).append(" lines\n");
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(l -> found.append(l, 0, Math.min(l.length(), 500)).append('\n'));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            found.append("(logs not readable: ").append(e).append(")");
        }
        return found.toString();
    }

    /** SIGTERM, as Ctrl-C would (the launcher then stops every process it started, Keycloak too), then a kill. */
    @Override
    public void close() {
        if (launcher.isAlive()) {
            stop(launcher, 60);
        }
    }

    /** SIGTERM, then a kill if {@code process} has not exited within {@code seconds}. */
    static void stop(Process process, int seconds) {
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A base port whose gateway, services, Keycloak and partner ports (N..N+3, N+10, N+11, N+20) are free,
     * chosen below the kernel's ephemeral range: a port in that range that is free now can be handed to
     * any outgoing connection or port-0 listener (each service's embedded MongoDB is one) before the
     * service binds it, which is how a CI run once lost projects-service to "port in use".
     */
    private static int freeBasePort() {
        int below = Math.max(ephemeralRangeStart(), 11000) - 30;
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(Math.min(20000, below - 1000), below);
            if (free(base) && free(base + 1) && free(base + 2) && free(base + 3) && free(base + 10) && free(base + 11) && free(base + 20)) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports");
    }

    /**
     * The first port of the kernel's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range, read
     * by lines: a /proc file reports no size, and Files.readString returned its first byte only; IANA's
     * 49152 elsewhere).
     */
    private static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49152;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

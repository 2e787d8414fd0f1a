package cn.hongqiao.samecity.local;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher supervises what it started, as Kubernetes would: a service that dies is reported and
 * comes back; one that keeps dying is left stopped with a message saying so; Ctrl-C (SIGINT) still
 * stops everything, restarted processes included, and nothing is started after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisionIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Launched platform;
    static int basePort;

    @BeforeAll
    static void startThePlatform() throws Exception {
        // two restarts in a row at most, the first after half a second, so that a crash loop ends within the test
        platform = Launched.start("--max-restarts=2", "--restart-backoff=500ms");
        basePort = URI.create(platform.gateway).getPort();
    }

    @AfterAll
    static void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(10)
    void aKilledServiceIsReportedAndComesBack() throws Exception {
        ProcessHandle projects = service("projects-service.jar");
        projects.destroyForcibly(); // SIGKILL, as the kernel's OOM killer would
        projects.onExit().get(30, TimeUnit.SECONDS);

        awaitLine(l -> l.contains("✗ projects-service (pid " + projects.pid() + ") exited with code 137"), 30);
        assertThat(platform.output).anyMatch(l -> l.contains("its log: ") && l.contains("projects-service.log"));
        awaitLine(l -> l.contains("↻ restarting projects-service in 0.5 s (restart 1 of at most 2 in a row)"), 10);
        awaitLine(l -> l.contains("✓ projects-service is back: pid "), 180);

        ProcessHandle again = service("projects-service.jar");
        assertThat(again.pid()).isNotEqualTo(projects.pid());
        HttpResponse<String> projectsRoute = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway + "/api/v1/projects?size=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(projectsRoute.statusCode()).as(projectsRoute.body()).isEqualTo(200);
        assertThat(projectsRoute.body()).contains("\"items\"");
    }

    /** Its port taken while it is down: every start fails, and after two restarts in a row the launcher stops trying. */
    @Test
    @Order(20)
    void aServiceThatKeepsFailingIsLeftStoppedSayingWhy() throws Exception {
        ProcessHandle enterprise = service("enterprise-service.jar");
        enterprise.destroy();
        enterprise.onExit().get(60, TimeUnit.SECONDS);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(basePort + 2));
            awaitLine(l -> l.contains("✗ enterprise-service exited 3 times in a row without becoming ready: not restarting it again"), 240);
            assertThat(platform.output).anyMatch(l -> l.contains("↻ restarting enterprise-service in 1.0 s (restart 2 of at most 2 in a row)"));
            assertThat(platform.output).anyMatch(l -> l.contains("exited with code 1 after") && l.contains("before it was ready"));
            Thread.sleep(3000);
            assertThat(platform.launcher.descendants().filter(p -> p.info().commandLine().orElse("").contains("enterprise-service.jar")))
                    .as("not started again").isEmpty();
        }
        HttpResponse<String> others = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gateway + "/api/v1/service-items?size=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(others.statusCode()).as("the rest keeps running").isEqualTo(200);
    }

    @Test
    @Order(30)
    void ctrlCStopsEveryProcessTheRestartedOnesIncluded() throws Exception {
        List<ProcessHandle> processes = platform.launcher.descendants().toList();
        assertThat(processes).anyMatch(p -> p.info().commandLine().orElse("").contains("projects-service.jar"));
        Process interrupt = new ProcessBuilder("kill", "-INT", String.valueOf(platform.launcher.pid())).inheritIO().start();
        assertThat(interrupt.waitFor(10, TimeUnit.SECONDS) && interrupt.exitValue() == 0).isTrue();
        assertThat(platform.launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher stops on SIGINT").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(platform.output).anyMatch(l -> l.contains("All platform processes stopped."))
                .noneMatch(l -> l.contains("exited with code") && l.contains("gateway"));
    }

    private static ProcessHandle service(String jar) {
        return platform.launcher.descendants().filter(p -> p.info().commandLine().orElse("").contains(jar)).findFirst()
                .orElseThrow(() -> new AssertionError(jar + " is not running:\n" + String.join("\n", platform.output)));
    }

    private static void awaitLine(Predicate<String> line, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (platform.output.stream().noneMatch(line)) {
            assertThat(System.nanoTime()).as("the launcher did not say it in %d s:%n%s", seconds, String.join("\n", platform.output))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

package cn.hongqiao.samecity.testsupport;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Another service played by WireMock in a service's tests, started at once on a free port. Point
 * the service under test at it from a {@code @DynamicPropertySource} method with
 * {@link #register}: {@code platform.peers.<name>} and a short Feign read timeout, so that a slow
 * peer is quick to test. Stop it in {@code @AfterAll}.
 */
public final class PeerService extends WireMockServer {

    /** The Feign read timeout in tests; a stub slower than this is a timeout. */
    public static final Duration READ_TIMEOUT = Duration.ofMillis(500);

    private final String name;

    public PeerService(String name) {
        super(options().dynamicPort());
        this.name = name;
        start();
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("platform.peers." + name, this::baseUrl);
        registry.add("spring.cloud.openfeign.client.config." + name + ".read-timeout", () -> String.valueOf(READ_TIMEOUT.toMillis()));
    }
}

package cn.hongqiao.samecity.defaults;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import cn.hongqiao.samecity.defaults.testapp.DefaultsTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production never falls back to localhost, to embedded MongoDB, or to trusting nobody's tokens. */
class MisconfigurationTest {

    private static Throwable rootOf(Throwable t) {
        while (t.getCause() != null && !(t instanceof PlatformMisconfiguredException)) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void aServiceWithoutMongoUriAndWithoutEmbeddedModeRefusesToStartSayingHowToConfigureOne() {
        SpringApplication app = new SpringApplication(DefaultsTestApplication.class);
        assertThatThrownBy(() -> app.run("--server.port=0", "--spring.application.name=no-db",
                "--platform.security.local-tokens.enabled=true", "--platform.security.local-tokens.key-dir=target/test-keys"))
                .satisfies(e -> {
                    Throwable root = rootOf(e);
                    assertThat(root).isInstanceOf(PlatformMisconfiguredException.class)
                            .hasMessageContaining("No MongoDB is configured");
                    FailureAnalysis analysis = new PlatformMisconfigurationFailureAnalyzer().analyze(e);
                    assertThat(analysis.getAction()).contains("MONGODB_URI").contains("PLATFORM_MONGODB_EMBEDDED=true");
                });
    }

    @Test
    void aServiceWithoutATokenIssuerRefusesToStart() {
        SpringApplication app = new SpringApplication(DefaultsTestApplication.class);
        assertThatThrownBy(() -> app.run("--server.port=0", "--spring.application.name=no-issuer",
                "--platform.mongodb.embedded=true", "--platform.mongodb.storage=memory"))
                .satisfies(e -> assertThat(rootOf(e)).isInstanceOf(PlatformMisconfiguredException.class)
                        .hasMessageContaining("No token issuer"));
    }
}

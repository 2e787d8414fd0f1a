package cn.hongqiao.samecity.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay, rendered by {@code kubectl kustomize}, passes the policy; and each rule fails on a
 * manifest broken on purpose (src/test/resources/broken.yaml), so the checks are known to bite.
 */
class ManifestPolicyTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Optional<Path> kubectl() {
        String configured = System.getenv("KUBECTL");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(ROOT.resolve("target/tools/kubectl/kubectl"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(dir, "kubectl"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    static String render(String overlay) throws IOException, InterruptedException {
        Path kubectl = kubectl().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed here (k8s/check.sh fetches it; .ci/run runs that)");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", ROOT.resolve("k8s/overlays/" + overlay).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", overlay, output).isZero();
        return output;
    }

    static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            list.forEach(o -> objects.add((HasMetadata) o));
        } else {
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyOverlayRendersAndPassesThePolicy(String overlay) throws Exception {
        List<HasMetadata> objects = parse(render(overlay));
        assertThat(objects).extracting(HasMetadata::getKind).contains("Deployment", "StatefulSet", "Service", "Ingress",
                "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Job", "ConfigMap");
        assertThat(ManifestPolicy.check(objects)).isEmpty();
    }

    @Test
    void theProdOverlayRunsAThreeMemberReplicaSetWithSecretsFromTheStore() throws Exception {
        String prod = render("prod");
        assertThat(prod).contains("kind: ExternalSecret").doesNotContain("kind: Secret\n").doesNotContain("dev-only");
        List<HasMetadata> objects = parse(prod);
        var mongodb = objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet).findFirst().orElseThrow();
        assertThat(((io.fabric8.kubernetes.api.model.apps.StatefulSet) mongodb).getSpec().getReplicas()).isEqualTo(3);
    }

    /** Prometheus gets in and the spans get out through the default deny, one request in ten traced; dev exports nothing. */
    @Test
    void theProdOverlayIsScrapedAndSendsTracesToTheCollector() throws Exception {
        List<HasMetadata> prod = parse(render("prod"));
        var common = prod.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap && o.getMetadata().getName().equals("platform-common"))
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast).findFirst().orElseThrow();
        assertThat(common.getData()).containsEntry("TRACING_SAMPLING", "0.1").containsKey("OTEL_EXPORTER_OTLP_ENDPOINT");
        var policies = prod.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy)
                .map(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class::cast)
                .collect(java.util.stream.Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        assertThat(policies.get("allow-prometheus-scrape").getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(8080);
        assertThat(policies.get("allow-otlp-export").getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(4318);
        assertThat(common.getData().get("OTEL_EXPORTER_OTLP_ENDPOINT")).endsWith(":4318");
        assertThat(render("dev")).doesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT").doesNotContain("allow-otlp-export");
    }

    @Test
    void eachRuleFailsOnAManifestBrokenOnPurpose() throws Exception {
        String broken = Files.readString(Path.of("src/test/resources/broken.yaml"), StandardCharsets.UTF_8);
        List<String> violations = ManifestPolicy.check(parse(broken));
        assertThat(violations).anyMatch(v -> v.contains("unknown field") && v.contains("replica"));
        assertThat(violations).anyMatch(v -> v.contains("has no explicit tag"));
        assertThat(violations).anyMatch(v -> v.contains("missing resource requests"));
        assertThat(violations).anyMatch(v -> v.contains("security context"));
        assertThat(violations).anyMatch(v -> v.contains("seccompProfile"));
        assertThat(violations).anyMatch(v -> v.contains("liveness, readiness and startup probes"));
        assertThat(violations).anyMatch(v -> v.contains("selector does not match"));
        assertThat(violations).anyMatch(v -> v.contains("Service/orphan: selects no pod"));
        assertThat(violations).anyMatch(v -> v.contains("scales Deployment/ghost"));
        assertThat(violations).anyMatch(v -> v.contains("ConfigMap missing-config does not exist"));
        assertThat(violations).anyMatch(v -> v.contains("Secret missing-secret does not exist"));
    }
}

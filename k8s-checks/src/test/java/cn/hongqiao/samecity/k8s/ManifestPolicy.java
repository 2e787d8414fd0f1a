package cn.hongqiao.samecity.k8s;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What every manifest must satisfy; {@link #check} returns the violations, one sentence each.
 * <ul>
 * <li>no unknown fields (fabric8 keeps them in {@code additionalProperties}: a typo'd key);</li>
 * <li>every container: resources requests and limits, a security context that runs as non-root
 * with a read-only root file system, no privilege escalation and all capabilities dropped, an
 * image with an explicit tag (never {@code latest}); pods: seccomp RuntimeDefault; long-running
 * workloads' main containers: liveness, readiness and startup probes;</li>
 * <li>selectors match their pod labels; Services, HPAs, PDBs and NetworkPolicies point at
 * workloads that exist;</li>
 * <li>every ConfigMap and Secret referenced exists (a Secret may come from an ExternalSecret).</li>
 * </ul>
 */
final class ManifestPolicy {

    private ManifestPolicy() {
    }

    static List<String> check(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        Set<String> configMaps = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        List<Map<String, String>> podLabels = new ArrayList<>();
        Set<String> workloads = new HashSet<>();
        for (HasMetadata o : objects) {
            unknownFields(o, id(o), violations, new IdentityHashMap<>());
            if (o instanceof ConfigMap) {
                configMaps.add(o.getMetadata().getName());
            }
            if (o instanceof Secret) {
                secrets.add(o.getMetadata().getName());
            }
            if (o instanceof GenericKubernetesResource g && "ExternalSecret".equals(g.getKind())) {
                Object target = ((Map<?, ?>) g.getAdditionalProperties().get("spec")).get("target");
                secrets.add(String.valueOf(((Map<?, ?>) target).get("name")));
            }
        }
        for (HasMetadata o : objects) {
            PodTemplateSpec template = null;
            LabelSelector selector = null;
            boolean longRunning = false;
            if (o instanceof Deployment d) {
                template = d.getSpec().getTemplate();
                selector = d.getSpec().getSelector();
                longRunning = true;
                workloads.add("Deployment/" + d.getMetadata().getName());
            } else if (o instanceof StatefulSet s) {
                template = s.getSpec().getTemplate();
                selector = s.getSpec().getSelector();
                longRunning = true;
                workloads.add("StatefulSet/" + s.getMetadata().getName());
            } else if (o instanceof Job j) {
                template = j.getSpec().getTemplate();
            }
            if (template == null) {
                continue;
            }
            Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null ? Map.of()
                    : template.getMetadata().getLabels();
            podLabels.add(labels);
            if (selector != null && !matches(selector, labels)) {
                violations.add(id(o) + ": its selector does not match its pod labels " + labels);
            }
            pod(id(o), template.getSpec(), longRunning, configMaps, secrets, violations);
        }
        for (HasMetadata o : objects) {
            if (o instanceof Service s && s.getSpec().getSelector() != null
                    && podLabels.stream().noneMatch(l -> l.entrySet().containsAll(s.getSpec().getSelector().entrySet()))) {
                violations.add(id(o) + ": selects no pod of any workload");
            }
            if (o instanceof PodDisruptionBudget p && podLabels.stream().noneMatch(l -> matches(p.getSpec().getSelector(), l))) {
                violations.add(id(o) + ": selects no pod of any workload");
            }
            if (o instanceof NetworkPolicy n && !isEmpty(n.getSpec().getPodSelector())
                    && podLabels.stream().noneMatch(l -> matches(n.getSpec().getPodSelector(), l))) {
                violations.add(id(o) + ": applies to no pod of any workload");
            }
            if (o instanceof HorizontalPodAutoscaler h) {
                String target = h.getSpec().getScaleTargetRef().getKind() + "/" + h.getSpec().getScaleTargetRef().getName();
                if (!workloads.contains(target)) {
                    violations.add(id(o) + ": scales " + target + ", which does not exist");
                }
            }
            if (o instanceof Ingress ingress && ingress.getSpec().getTls() != null) {
                ingress.getSpec().getTls().stream().map(t -> t.getSecretName()).filter(Objects::nonNull)
                        .filter(name -> !secrets.contains(name))
                        .forEach(name -> violations.add(id(o) + ": TLS Secret " + name + " does not exist"));
            }
        }
        return violations;
    }

    private static void pod(String owner, PodSpec spec, boolean longRunning, Set<String> configMaps, Set<String> secrets,
            List<String> violations) {
        if (spec.getSecurityContext() == null || spec.getSecurityContext().getSeccompProfile() == null
                || !"RuntimeDefault".equals(spec.getSecurityContext().getSeccompProfile().getType())) {
            violations.add(owner + ": pod seccompProfile is not RuntimeDefault");
        }
        List<Container> all = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        for (Container c : all) {
            String where = owner + " container " + c.getName();
            String image = c.getImage() == null ? "" : c.getImage();
            String tag = image.contains("@") ? "digest" : image.lastIndexOf(':') > image.lastIndexOf('/') ? image.substring(image.lastIndexOf(':') + 1) : "";
            if (tag.isEmpty() || tag.equals("latest")) {
                violations.add(where + ": image " + image + " has no explicit tag");
            }
            if (c.getResources() == null || c.getResources().getRequests() == null || c.getResources().getLimits() == null
                    || !c.getResources().getRequests().containsKey("cpu") || !c.getResources().getRequests().containsKey("memory")
                    || !c.getResources().getLimits().containsKey("memory")) {
                violations.add(where + ": missing resource requests (cpu, memory) or memory limit");
            }
            var sc = c.getSecurityContext();
            if (sc == null || !Boolean.TRUE.equals(sc.getRunAsNonRoot()) || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
                    || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()) || sc.getCapabilities() == null
                    || sc.getCapabilities().getDrop() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
                violations.add(where + ": security context must run as non-root, read-only root file system, "
                        + "no privilege escalation, all capabilities dropped");
            }
            if (c.getEnvFrom() != null) {
                for (EnvFromSource from : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !configMaps.contains(from.getConfigMapRef().getName())) {
                        violations.add(where + ": ConfigMap " + from.getConfigMapRef().getName() + " does not exist");
                    }
                    if (from.getSecretRef() != null && !secrets.contains(from.getSecretRef().getName())) {
                        violations.add(where + ": Secret " + from.getSecretRef().getName() + " does not exist");
                    }
                }
            }
            if (c.getEnv() != null) {
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    if (env.getValueFrom().getConfigMapKeyRef() != null && !configMaps.contains(env.getValueFrom().getConfigMapKeyRef().getName())) {
                        violations.add(where + ": ConfigMap " + env.getValueFrom().getConfigMapKeyRef().getName() + " does not exist");
                    }
                    if (env.getValueFrom().getSecretKeyRef() != null && !secrets.contains(env.getValueFrom().getSecretKeyRef().getName())) {
                        violations.add(where + ": Secret " + env.getValueFrom().getSecretKeyRef().getName() + " does not exist");
                    }
                }
            }
        }
        if (longRunning) {
            for (Container c : spec.getContainers()) {
                if (c.getLivenessProbe() == null || c.getReadinessProbe() == null || c.getStartupProbe() == null) {
                    violations.add(owner + " container " + c.getName() + ": needs liveness, readiness and startup probes");
                }
            }
        }
        if (spec.getVolumes() != null) {
            for (Volume v : spec.getVolumes()) {
                if (v.getConfigMap() != null && !configMaps.contains(v.getConfigMap().getName())) {
                    violations.add(owner + ": volume ConfigMap " + v.getConfigMap().getName() + " does not exist");
                }
                if (v.getSecret() != null && !secrets.contains(v.getSecret().getSecretName())) {
                    violations.add(owner + ": volume Secret " + v.getSecret().getSecretName() + " does not exist");
                }
            }
        }
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (var e : selector.getMatchExpressions()) {
                String value = labels.get(e.getKey());
                boolean ok = switch (e.getOperator()) {
                    case "In" -> value != null && e.getValues().contains(value);
                    case "NotIn" -> value == null || !e.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /** Walks a typed object: any non-empty additionalProperties is a field the schema does not know. */
    private static void unknownFields(Object node, String path, List<String> violations, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null || node instanceof GenericKubernetesResource) {
            return;
        }
        Class<?> type = node.getClass();
        if (!type.getName().startsWith("io.fabric8.kubernetes.api.model")) {
            if (node instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    unknownFields(item, path + "[" + i++ + "]", violations, seen);
                }
            }
            return;
        }
        try {
            for (PropertyDescriptor p : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
                Method getter = p.getReadMethod();
                if (getter == null || getter.getParameterCount() > 0) {
                    continue;
                }
                Object value = getter.invoke(node);
                if (p.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        violations.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else if (value != null && !(value instanceof Map<?, ?>) && !(value instanceof String)) {
                    unknownFields(value, path + "." + p.getName(), violations, seen);
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            violations.add(path + ": cannot inspect " + e);
        }
    }

    private static String id(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }
}

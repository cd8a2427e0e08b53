package io.holdfast.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.holdfast.deploy.kubernetes.Manifests.Workload;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Kubernetes workloads: roles, security, probes, and memory the JVM agrees with")
class WorkloadsTest {
  static final String[] OVERLAYS = Manifests.OVERLAYS;
  static final String IMAGE = "holdfast/holdfast:";
  static final int MANAGEMENT_PORT = 9090;
  /** Beyond the capped native areas: thread stacks, GC structures, the JVM itself. */
  static final long NATIVE_ALLOWANCE = 256L << 20;

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("members, edges and workers each run once, from the one image, with --role")
  void oneWorkloadPerRole(String overlay) {
    List<Workload> workloads = Manifests.of(overlay).workloads();
    assertThat(workloads).extracting(Workload::role)
        .containsExactlyInAnyOrder("member", "edge", "worker");
    assertThat(workloads).extracting(Workload::kind).containsExactlyInAnyOrder("StatefulSet",
        "Deployment", "Deployment");
    for (Workload w : workloads) {
      assertThat(w.template().getSpec().getContainers()).as(w.toString()).hasSize(1);
      assertThat(w.container().getImage()).as(w.toString()).startsWith(IMAGE);
      assertThat(w.container().getImage().substring(IMAGE.length())).isNotBlank();
    }
    assertThat(Manifests.of(overlay).workload("member").kind()).isEqualTo("StatefulSet");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every pod runs as a fixed non-root user, without privileges, on a read-only root with /tmp an emptyDir")
  void locked(String overlay) {
    for (Workload w : Manifests.of(overlay).workloads()) {
      PodSpec pod = w.template().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(w.toString()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(w.toString()).isEqualTo(10001L);
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getAutomountServiceAccountToken()).as(w.toString()).isFalse();
      assertThat(pod.getEnableServiceLinks()).as("no HOLDFAST_..._PORT from services").isFalse();
      assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
      SecurityContext c = w.container().getSecurityContext();
      assertThat(c.getAllowPrivilegeEscalation()).as(w.toString()).isFalse();
      assertThat(c.getReadOnlyRootFilesystem()).as(w.toString()).isTrue();
      assertThat(c.getPrivileged()).isNotEqualTo(Boolean.TRUE);
      assertThat(c.getCapabilities().getDrop()).as(w.toString()).containsExactly("ALL");
      assertThat(c.getCapabilities().getAdd()).isNullOrEmpty();
      String tmp = w.container().getVolumeMounts().stream()
          .filter(m -> m.getMountPath().equals("/tmp")).findFirst()
          .orElseThrow(() -> new AssertionError(w + " mounts nothing on /tmp")).getName();
      Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp))
          .findFirst().orElseThrow();
      assertThat(volume.getEmptyDir()).as(w + ": /tmp").isNotNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("startup and liveness probes ask /health/live, readiness /health/ready, all on the management port 9090")
  void probesOnTheManagementPort(String overlay) {
    for (Workload w : Manifests.of(overlay).workloads()) {
      Container c = w.container();
      probe(w, c, c.getStartupProbe(), "/health/live");
      probe(w, c, c.getLivenessProbe(), "/health/live");
      probe(w, c, c.getReadinessProbe(), "/health/ready");
      // A slow start is the startup probe's to judge, not the liveness probe's.
      int startupBudget = c.getStartupProbe().getPeriodSeconds()
          * c.getStartupProbe().getFailureThreshold();
      assertThat(startupBudget).as(w + ": seconds a start may take").isGreaterThanOrEqualTo(120);
    }
  }

  private static void probe(Workload w, Container c, Probe probe, String path) {
    assertThat(probe).as(w + " probe for " + path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(w.toString()).isEqualTo(path);
    assertThat(port(c, probe.getHttpGet().getPort())).as(w + " " + path)
        .isEqualTo(MANAGEMENT_PORT);
  }

  /** A port by number, or by the name of one of the container's ports. */
  static int port(Container c, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no port " + port));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("memory requested = limited, and heap plus the capped native areas fit in it; the JVM counts the CPUs requested")
  void memoryAndCpuAgreeWithTheJvm(String overlay) {
    for (Workload w : Manifests.of(overlay).workloads()) {
      Container c = w.container();
      Quantity memory = c.getResources().getLimits().get("memory");
      assertThat(memory).as(w + ": memory limit").isNotNull();
      assertThat(c.getResources().getRequests().get("memory")).as(w + ": memory request")
          .isEqualTo(memory);
      BigDecimal cpus = Quantity.getAmountInBytes(c.getResources().getRequests().get("cpu"));
      String options = c.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
          .map(EnvVar::getValue).findFirst()
          .orElseThrow(() -> new AssertionError(w + " sets no JAVA_TOOL_OPTIONS"));
      assertThat(options).as(w.toString()).contains("-XX:+ExitOnOutOfMemoryError");
      assertThat(BigDecimal.valueOf(flag(options, "ActiveProcessorCount")))
          .as(w + ": -XX:ActiveProcessorCount is the CPU request").isEqualByComparingTo(cpus);
      long limit = Quantity.getAmountInBytes(memory).longValueExact();
      long percent = flag(options, "MaxRAMPercentage");
      assertThat(flag(options, "InitialRAMPercentage")).isEqualTo(percent);
      long heap = limit * percent / 100;
      long nativeAreas = bytes(options, "MaxMetaspaceSize") + bytes(options,
          "ReservedCodeCacheSize") + bytes(options, "MaxDirectMemorySize") + NATIVE_ALLOWANCE;
      assertThat(limit - heap).as("%s: %d MiB beside a heap of %d MiB for native areas of "
          + "%d MiB", w, (limit - heap) >> 20, heap >> 20, nativeAreas >> 20)
          .isGreaterThanOrEqualTo(nativeAreas);
    }
  }

  private static long flag(String options, String name) {
    Matcher m = Pattern.compile("-XX:" + name + "=(\\d+)(?:\\.0+)?(?=\\s|$)").matcher(options);
    assertThat(m.find()).as("-XX:%s=N in %s", name, options).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static long bytes(String options, String name) {
    Matcher m = Pattern.compile("-XX:" + name + "=(\\d+)([kKmMgG]?)(?=\\s|$)").matcher(options);
    assertThat(m.find()).as("-XX:%s=SIZE in %s (an uncapped area)", name, options).isTrue();
    int shift = switch (m.group(2).toLowerCase()) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    return Long.parseLong(m.group(1)) << shift;
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("edges and workers are scaled by an autoscaler on CPU that owns their count")
  void autoscaled(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    for (String role : new String[] {"edge", "worker"}) {
      Workload w = manifests.workload(role);
      assertThat(w.kind()).isEqualTo("Deployment");
      assertThat(w.replicas()).as(w + ": replicas left to the autoscaler").isNull();
      HorizontalPodAutoscaler hpa = manifests.all(HorizontalPodAutoscaler.class).stream()
          .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(w.name())).findFirst()
          .orElseThrow(() -> new AssertionError(w + " has no autoscaler"));
      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      assertThat(hpa.getSpec().getMinReplicas()).isPositive();
      assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
      assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> {
        assertThat(m.getResource().getName()).isEqualTo("cpu");
        assertThat(m.getResource().getTarget().getAverageUtilization()).isBetween(30, 90);
      });
      assertThat(w.container().getResources().getRequests()).as("utilisation needs a request")
          .containsKey("cpu");
    }
    assertThat(manifests.all(Deployment.class)).hasSize(2);
  }
}

package io.holdfast.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.holdfast.deploy.kubernetes.Manifests.Workload;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Kubernetes grid: members find one another through their headless Service")
class GridTest {
  static final String[] OVERLAYS = Manifests.OVERLAYS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("three members start together on three nodes, behind a headless Service that publishes them before they are ready")
  void membersAndTheirService(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    StatefulSet members = manifests.all(StatefulSet.class).get(0);
    assertThat(members.getSpec().getReplicas()).isEqualTo(3);
    // Ordered start would deadlock: the first member waits for a quorum of members.
    assertThat(members.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    // One node lost must not take a partition and its backup: never two members on a node.
    assertThat(members.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution()).anySatisfy(term -> {
          assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
          assertThat(term.getLabelSelector().getMatchLabels())
              .isEqualTo(members.getSpec().getSelector().getMatchLabels());
        });
    Service headless = manifests.one(Service.class, members.getSpec().getServiceName());
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(selects(headless.getSpec().getSelector(),
        members.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
    for (Workload other : manifests.workloads()) {
      if (!other.role().equals("member")) {
        assertThat(selects(headless.getSpec().getSelector(),
            other.template().getMetadata().getLabels())).as(other.toString()).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every role joins by the Service's DNS name on the pod's own address, and the grid and bus ports are the containers'")
  void everyRoleJoinsByDns(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Map<String, String> settings = manifests.settings().getData();
    String service = manifests.all(StatefulSet.class).get(0).getSpec().getServiceName();
    assertThat(settings.get("HOLDFAST_HAZELCAST_SERVICE_DNS")).isEqualTo(service);
    assertThat(settings).doesNotContainKey("HOLDFAST_HAZELCAST_MEMBERS");
    int quorum = Integer.parseInt(settings.get("HOLDFAST_GRID_QUORUM"));
    assertThat(quorum).as("a majority of the members").isEqualTo(3 / 2 + 1);
    for (Workload w : manifests.workloads()) {
      EnvVar host = w.container().getEnv().stream()
          .filter(e -> e.getName().equals("HOLDFAST_HAZELCAST_HOST")).findFirst()
          .orElseThrow(() -> new AssertionError(w + " binds the grid to no address"));
      assertThat(host.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
      assertThat(containerPort(w, "hazelcast"))
          .isEqualTo(Integer.parseInt(settings.get("HOLDFAST_HAZELCAST_PORT")));
      assertThat(containerPort(w, "event-bus"))
          .isEqualTo(Integer.parseInt(settings.get("HOLDFAST_EVENT_BUS_PORT")));
      assertThat(w.container().getEnv()).extracting(EnvVar::getName)
          .doesNotContain("HOLDFAST_HAZELCAST_MEMBERS");
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("a disruption budget lets one member go at a time, and the alert expects as many members as run")
  void oneMemberAtATime(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    StatefulSet members = manifests.all(StatefulSet.class).get(0);
    PodDisruptionBudget budget = manifests.one(PodDisruptionBudget.class, "holdfast-member");
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getMinAvailable()).isNull();
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(members.getSpec().getSelector().getMatchLabels());
    String shrunk = manifests.one(PrometheusRule.class, "holdfast-alerts").getSpec().getGroups()
        .stream().flatMap(g -> g.getRules().stream())
        .filter(r -> "HoldfastGridShrunk".equals(r.getAlert())).findFirst().orElseThrow()
        .getExpr().getStrVal();
    Matcher expected = Pattern.compile("<\\s*(\\d+)\\s*$").matcher(shrunk.trim());
    assertThat(expected.find()).as(shrunk).isTrue();
    assertThat(Integer.parseInt(expected.group(1))).isEqualTo(members.getSpec().getReplicas());
  }

  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return !selector.isEmpty() && selector.entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static int containerPort(Workload w, String name) {
    return w.container().getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(w + " has no port " + name)).getContainerPort();
  }
}

package io.holdfast.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.holdfast.deploy.kubernetes.Manifests.Workload;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Kubernetes network policies: deny by default, open only what each role needs")
class NetworkPoliciesTest {
  static final String[] OVERLAYS = Manifests.OVERLAYS;
  /** base's stand-in for the data subnets (TEST-NET-1): an overlay must replace it. */
  static final String PLACEHOLDER = "192.0.2.0/24";
  static final Set<Integer> DATA_PORTS = Set.of(5432, 6379, 9092, 9094);

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("one policy denies every pod of the namespace all traffic in and out")
  void defaultDeny(String overlay) {
    assertThat(Manifests.of(overlay).all(NetworkPolicy.class)).anySatisfy(p -> {
      assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
      assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
      assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
      assertThat(p.getSpec().getIngress()).isNullOrEmpty();
      assertThat(p.getSpec().getEgress()).isNullOrEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every rule names its peers and its ports: none opens a pod to everyone or every port")
  void noOpenRule(String overlay) {
    for (NetworkPolicy p : Manifests.of(overlay).all(NetworkPolicy.class)) {
      String name = p.getMetadata().getName();
      p.getSpec().getIngress().forEach(r -> {
        assertThat(r.getFrom()).as(name + ": ingress from").isNotEmpty();
        assertThat(r.getPorts()).as(name + ": ingress ports").isNotEmpty();
      });
      p.getSpec().getEgress().forEach(r -> {
        assertThat(r.getTo()).as(name + ": egress to").isNotEmpty();
        assertThat(r.getPorts()).as(name + ": egress ports").isNotEmpty();
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("edges take the API on 8080; every role the grid, the bus and Prometheus' scrapes, and nothing else")
  void whatEachRoleReceives(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    assertThat(ingressPorts(manifests, manifests.workload("edge")))
        .containsExactly(5701, 5801, 8080, 9090);
    assertThat(ingressPorts(manifests, manifests.workload("member")))
        .containsExactly(5701, 5801, 9090);
    assertThat(ingressPorts(manifests, manifests.workload("worker")))
        .containsExactly(5701, 5801, 9090);
    for (NetworkPolicy p : manifests.all(NetworkPolicy.class)) {
      p.getSpec().getIngress().forEach(r -> {
        Set<Integer> ports = ports(r.getPorts());
        if (ports.contains(9090)) {
          assertThat(r.getFrom()).allSatisfy(peer -> assertThat(peer.getNamespaceSelector()
              .getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
        }
        if (ports.contains(5701) || ports.contains(5801)) {
          assertThat(r.getFrom()).allSatisfy(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/part-of", "holdfast");
          });
        }
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every role reaches DNS, the grid and the data services; edges and workers Stripe; workers SMTP")
  void whatEachRoleReaches(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Set<Integer> common = new TreeSet<>(Set.of(53, 5701, 5801));
    common.addAll(DATA_PORTS);
    assertThat(egressPorts(manifests, manifests.workload("member")))
        .containsExactlyElementsOf(common);
    Set<Integer> edge = new TreeSet<>(common);
    edge.add(443);
    assertThat(egressPorts(manifests, manifests.workload("edge"))).containsExactlyElementsOf(edge);
    Set<Integer> worker = new TreeSet<>(edge);
    worker.addAll(Set.of(465, 587));
    assertThat(egressPorts(manifests, manifests.workload("worker")))
        .containsExactlyElementsOf(worker);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("the data services are reached by the CIDR the overlay sets, a private range")
  void dataServicesByTheOverlaysCidr(String overlay) {
    for (NetworkPolicy p : Manifests.of(overlay).all(NetworkPolicy.class)) {
      p.getSpec().getEgress().stream()
          .filter(r -> ports(r.getPorts()).stream().anyMatch(DATA_PORTS::contains))
          .flatMap(r -> r.getTo().stream()).forEach(peer -> {
            String cidr = peer.getIpBlock().getCidr();
            assertThat(cidr).as(p.getMetadata().getName()).isNotEqualTo(PLACEHOLDER)
                .matches("(10\\.\\d+|172\\.(1[6-9]|2\\d|3[01])|192\\.168)\\.\\d+\\.\\d+/\\d+");
          });
    }
  }

  private static Set<Integer> ingressPorts(Manifests manifests, Workload w) {
    return selecting(manifests, w, p -> p.getSpec().getIngress().stream()
        .flatMap(r -> ports(r.getPorts()).stream()).toList());
  }

  private static Set<Integer> egressPorts(Manifests manifests, Workload w) {
    return selecting(manifests, w, p -> p.getSpec().getEgress().stream()
        .flatMap(r -> ports(r.getPorts()).stream()).toList());
  }

  private static Set<Integer> selecting(Manifests manifests, Workload w,
      Function<NetworkPolicy, List<Integer>> ports) {
    Map<String, String> labels = w.template().getMetadata().getLabels();
    Set<Integer> open = new TreeSet<>();
    manifests.all(NetworkPolicy.class).stream()
        .filter(p -> selects(p.getSpec().getPodSelector(), labels))
        .forEach(p -> open.addAll(ports.apply(p)));
    return open;
  }

  private static Set<Integer> ports(List<NetworkPolicyPort> ports) {
    Set<Integer> numbers = new TreeSet<>();
    for (NetworkPolicyPort port : ports) {
      assertThat(port.getPort().getIntVal()).as("ports by number").isNotNull();
      numbers.add(port.getPort().getIntVal());
    }
    return numbers;
  }

  /** Whether a pod selector picks a pod with these labels (an empty selector picks all). */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      boolean in = r.getValues().contains(labels.get(r.getKey()));
      if (r.getOperator().equals("In") != in) {
        return false;
      }
    }
    return true;
  }
}

package io.holdfast.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.holdfast.deploy.kubernetes.Manifests.Workload;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Kubernetes exposure: the Ingress reaches the edges' API, Prometheus every management port")
class ExposureTest {
  static final String[] OVERLAYS = Manifests.OVERLAYS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("the Ingress sends HOLDFAST_PUBLIC_URL's host to the edges' API port, and nothing else")
  void ingressToTheEdges(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    List<Ingress> ingresses = manifests.all(Ingress.class);
    assertThat(ingresses).hasSize(1);
    Ingress ingress = ingresses.get(0);
    assertThat(ingress.getSpec().getIngressClassName()).isNotBlank();
    String host = URI.create(manifests.settings().getData().get("HOLDFAST_PUBLIC_URL")).getHost();
    assertThat(ingress.getSpec().getRules()).extracting(IngressRule::getHost)
        .containsExactly(host);
    Workload edge = manifests.workload("edge");
    int api = Integer.parseInt(manifests.settings().getData().get("HOLDFAST_HTTP_PORT"));
    for (IngressRule rule : ingress.getSpec().getRules()) {
      assertThat(rule.getHttp().getPaths()).isNotEmpty().allSatisfy(path -> {
        IngressBackend backend = path.getBackend();
        Service service = manifests.one(Service.class, backend.getService().getName());
        assertThat(GridTest.selects(service.getSpec().getSelector(),
            edge.template().getMetadata().getLabels())).isTrue();
        ServicePort port = service.getSpec().getPorts().stream()
            .filter(p -> p.getName().equals(backend.getService().getPort().getName()))
            .findFirst().orElseThrow();
        assertThat(WorkloadsTest.port(edge.container(), port.getTargetPort())).isEqualTo(api);
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("the ServiceMonitor scrapes every role's management port through its Service, named as the alerts' jobs")
  void serviceMonitorReachesEveryRole(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    ServiceMonitor monitor = manifests.one(ServiceMonitor.class, "holdfast");
    List<Service> scraped = manifests.all(Service.class).stream().filter(s -> GridTest.selects(
        monitor.getSpec().getSelector().getMatchLabels(), s.getMetadata().getLabels())).toList();
    for (Workload w : manifests.workloads()) {
      List<Service> of = scraped.stream().filter(s -> GridTest.selects(s.getSpec().getSelector(),
          w.template().getMetadata().getLabels())).toList();
      assertThat(of).as(w + ": scraped through exactly one Service").hasSize(1);
      ServicePort management = of.get(0).getSpec().getPorts().stream()
          .filter(p -> p.getName().equals("management")).findFirst()
          .orElseThrow(() -> new AssertionError(of.get(0).getMetadata().getName()
              + " has no port named management"));
      assertThat(WorkloadsTest.port(w.container(), management.getTargetPort()))
          .isEqualTo(WorkloadsTest.MANAGEMENT_PORT);
    }
    // The job label is the Service's name: HoldfastMemberDown watches this one.
    assertThat(scraped).extracting(s -> s.getMetadata().getName())
        .contains(MonitoringTest.MEMBERS_JOB);
  }
}

package io.holdfast.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Kubernetes manifests: every rendered document matches Kubernetes' schema")
class SchemaTest {
  static final String[] OVERLAYS = Manifests.OVERLAYS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every document an overlay renders is a known kind whose fields the schema knows")
  void everyDocumentMatchesItsSchema(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    assertThat(manifests.documents).hasSizeGreaterThan(20);
    for (JsonNode doc : manifests.documents) {
      String type = StrictModel.type(doc);
      assertThat(StrictModel.TYPES.containsKey(type) || StrictModel.UNTYPED.contains(type))
          .as("%s: %s is a kind these manifests may hold", StrictModel.name(doc), type).isTrue();
    }
    assertThat(manifests.typed.size() + manifests.untyped("ExternalSecret").size()
        + manifests.untyped("SecretStore").size()).isEqualTo(manifests.documents.size());
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every object is named and lives in the overlay's namespace")
  void namedInTheNamespace(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    String namespace = manifests.all(Namespace.class).get(0).getMetadata().getName();
    assertThat(manifests.all(Namespace.class)).hasSize(1);
    for (HasMetadata object : manifests.typed) {
      assertThat(object.getMetadata().getName()).as(object.getKind()).isNotBlank();
      if (!(object instanceof Namespace)) {
        assertThat(object.getMetadata().getNamespace()).as(object.getKind() + " "
            + object.getMetadata().getName()).isEqualTo(namespace);
      }
    }
  }

  @Test
  @DisplayName("the strict model refuses a misspelled field and a number written as text")
  void strictModelRefusesWhatKubernetesWould() throws Exception {
    JsonNode misspelled = Kustomize.YAML.readTree("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: typo}
        spec:
          selector: {matchLabels: {app: typo}}
          template:
            metadata: {labels: {app: typo}}
            spec:
              containers:
                - name: c
                  image: i
                  readinessProbe: {httpGet: {path: /health/ready, port: 9090}, periodSecond: 5}
        """);
    assertThatThrownBy(() -> StrictModel.typed(misspelled)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Deployment typo").hasMessageContaining("periodSecond");
    JsonNode text = Kustomize.YAML.readTree("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: text}
        spec: {replicas: "3", serviceName: s, selector: {matchLabels: {app: x}}}
        """);
    assertThatThrownBy(() -> StrictModel.typed(text)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("StatefulSet text");
    JsonNode unknownKind = Kustomize.YAML.readTree("""
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: old}
        """);
    assertThatThrownBy(() -> StrictModel.typed(unknownKind)).hasMessageContaining("not a kind");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("the ServiceMonitor and the PrometheusRule have the fields the operator requires")
  void prometheusOperatorKinds(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    ServiceMonitor monitor = manifests.one(ServiceMonitor.class, "holdfast");
    assertThat(monitor.getSpec().getSelector().getMatchLabels()).isNotEmpty();
    assertThat(monitor.getSpec().getEndpoints()).isNotEmpty().allSatisfy(e -> {
      assertThat(e.getPort()).isEqualTo("management");
      assertThat(e.getPath()).isEqualTo("/metrics");
    });
    PrometheusRule rules = manifests.one(PrometheusRule.class, "holdfast-alerts");
    assertThat(rules.getSpec().getGroups()).isNotEmpty();
    for (RuleGroup group : rules.getSpec().getGroups()) {
      assertThat(group.getName()).isNotBlank();
      assertThat(group.getRules()).as(group.getName()).isNotEmpty();
      for (Rule rule : group.getRules()) {
        assertThat(rule.getAlert()).as("an alert rule (no recording rules)").isNotBlank();
        assertThat(rule.getExpr().getStrVal()).as(rule.getAlert()).isNotBlank();
        assertThat(rule.getLabels()).as(rule.getAlert()).containsKey("severity");
        assertThat(rule.getLabels().get("severity")).isIn("critical", "warning");
        assertThat(rule.getAnnotations()).as(rule.getAlert())
            .containsKeys("summary", "description");
      }
    }
  }

  @Test
  @DisplayName("production's ExternalSecret and SecretStore have the fields the operator requires; staging has none")
  void externalSecretsOperatorKinds() {
    Manifests production = Manifests.of("production");
    assertThat(production.untyped("ExternalSecret")).hasSize(1);
    assertThat(production.untyped("SecretStore")).hasSize(1);
    for (String kind : new String[] {"ExternalSecret", "SecretStore"}) {
      for (JsonNode doc : production.untyped(kind)) {
        assertThat(ExternalSecrets.problems(doc)).as(StrictModel.name(doc)).isEmpty();
      }
    }
    JsonNode secret = production.untyped("ExternalSecret").get(0);
    assertThat(secret.path("spec").path("target").path("name").asText())
        .isEqualTo(Manifests.SECRET);
    assertThat(secret.path("spec").path("secretStoreRef").path("name").asText())
        .isEqualTo(production.untyped("SecretStore").get(0).path("metadata").path("name")
            .asText());
    assertThat(Manifests.of("staging").untyped("ExternalSecret")).isEmpty();
  }
}

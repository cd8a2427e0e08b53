package io.holdfast.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.holdfast.testkit.MetricsCatalogue;
import io.holdfast.testkit.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Monitoring: the on-sale dashboard and the alert rules name only metrics docs/metrics.md documents")
class MonitoringTest {
  static final String[] OVERLAYS = Manifests.OVERLAYS;
  static final String MEMBERS_JOB = "holdfast-members";
  static final Path DASHBOARD = Path.of("monitoring/grafana/onsale.json");
  static final Path ALERTS = Path.of("monitoring/prometheus/alerts.yaml");

  /** The alerts issue 17 asks for, each by a series its expression must select. */
  static final Map<String, String> REQUIRED = Map.of(
      "a broken stock invariant", "holdfast_inventory_invariant_violations",
      "a succeeded payment without an order past its grace", "holdfast_payments_without_order",
      "outbox backlog", "holdfast_outbox_oldest_seconds",
      "consumer lag", "holdfast_kafka_consumer_lag",
      "hold p99 above target", "holdfast_hold_seconds_bucket",
      "a lost partition", "holdfast_grid_partitions_lost_total",
      "a member down", "up",
      "fewer data members than expected", "holdfast_grid_data_members");

  /** Every alert's name and expression, in the file's order. */
  static Map<String, String> alerts() throws IOException {
    JsonNode rules = Kustomize.YAML.readTree(Repository.root().resolve(ALERTS).toFile());
    Map<String, String> alerts = new LinkedHashMap<>();
    for (JsonNode group : rules.path("spec").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.put(rule.path("alert").asText(), rule.path("expr").asText());
      }
    }
    return alerts;
  }

  /** Every query of the dashboard's panels. */
  static List<String> queries() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(
        Repository.root().resolve(DASHBOARD).toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
    }
    return queries;
  }

  @Test
  @DisplayName("every alert parses as PromQL and selects only documented metrics' series")
  void alertsNameContractMetrics() throws IOException {
    Map<String, String> alerts = alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(REQUIRED.size());
    for (Map.Entry<String, String> alert : alerts.entrySet()) {
      Set<String> series = PromQl.metrics(alert.getValue());
      assertThat(series).as(alert.getKey() + " selects a metric").isNotEmpty();
      assertThat(series).as(alert.getKey()).isSubsetOf(ContractMetrics.series());
    }
  }

  @Test
  @DisplayName("there is an alert for each failure the issue names, the member-down one on the members' job")
  void everyRequiredAlert() throws IOException {
    Map<String, String> alerts = alerts();
    REQUIRED.forEach((what, series) -> assertThat(alerts.values())
        .as("an alert for " + what + " selecting " + series)
        .anyMatch(expr -> PromQl.metrics(expr).contains(series)));
    assertThat(alerts.get("HoldfastMemberDown")).contains("job=\"" + MEMBERS_JOB + "\"");
    assertThat(alerts.get("HoldfastHoldLatencyHigh"))
        .contains("histogram_quantile(0.99").contains("> 0.05");
  }

  @Test
  @DisplayName("the dashboard's queries parse, select only documented metrics' series and show every watched metric")
  void dashboardShowsTheContract() throws IOException {
    List<String> queries = queries();
    Set<String> metrics = new TreeSet<>();
    for (String query : queries) {
      Set<String> series = PromQl.metrics(query);
      assertThat(series).as(query).isNotEmpty().isSubsetOf(ContractMetrics.series());
      series.forEach(s -> metrics.add(ContractMetrics.metricOf(s)));
    }
    assertThat(MetricsCatalogue.documented()).containsKeys(
        ContractMetrics.WATCHED.toArray(String[]::new));
    assertThat(metrics).containsAll(ContractMetrics.WATCHED);
  }

  @Test
  @DisplayName("the dashboard is one Grafana can import: a uid, a Prometheus data source to choose, panels on the grid")
  void dashboardIsWellFormed() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(
        Repository.root().resolve(DASHBOARD).toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("holdfast-onsale");
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("templating").path("list").findValuesAsText("type"))
        .contains("datasource");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      JsonNode at = panel.path("gridPos");
      assertThat(at.path("x").asInt() + at.path("w").asInt()).isLessThanOrEqualTo(24);
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("the overlays provision monitoring/'s own files: the dashboard for Grafana's sidecar, the rules as they are")
  void provisionedFromMonitoring(String overlay) throws IOException {
    Manifests manifests = Manifests.of(overlay);
    ConfigMap dashboards = manifests.one(ConfigMap.class, "holdfast-dashboards");
    assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboards.getData().get("onsale.json"))
        .isEqualTo(Files.readString(Repository.root().resolve(DASHBOARD)));
    manifests.one(PrometheusRule.class, "holdfast-alerts");
    JsonNode rendered = manifests.documents.stream()
        .filter(d -> d.path("kind").asText().equals("PrometheusRule")).findFirst().orElseThrow();
    JsonNode file = Kustomize.YAML.readTree(Repository.root().resolve(ALERTS).toFile());
    assertThat(rendered.path("spec")).isEqualTo(file.path("spec"));
  }

  @Test
  @DisplayName("the PromQL check refuses what Prometheus would: unbalanced brackets, unknown functions, bad matchers")
  void promQlCheckRefuses() {
    assertThat(PromQl.metrics("sum by (le) (rate(a_bucket{job=~\"x|y\", le!=\"1\"}[5m])) / 2"))
        .containsExactly("a_bucket");
    assertThat(PromQl.metrics("rate(x[$__rate_interval]) and on(pod) y offset 5m"))
        .containsExactly("x", "y");
    for (String bad : new String[] {"sum(rate(x[5m])", "rate(x[5m]))", "rates(x[5m])",
        "x{job=}", "x{job=\"a\"", "rate(x[5 m])", "sum by le (x)", "x # y"}) {
      assertThatThrownBy(() -> PromQl.metrics(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}

package io.holdfast.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** One overlay, rendered and typed: what the tests look at. */
final class Manifests {
  /** The overlays every test runs on. */
  static final String[] OVERLAYS = {"staging", "production"};
  /** The settings every pod reads (envFrom); kustomize adds a hash of the content. */
  static final String SETTINGS = "holdfast-settings";
  static final String SECRET = "holdfast-secrets";

  private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

  final String overlay;
  final List<JsonNode> documents;
  final List<HasMetadata> typed;

  private Manifests(String overlay, List<JsonNode> documents) {
    this.overlay = overlay;
    this.documents = documents;
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode doc : documents) {
      if (!StrictModel.UNTYPED.contains(StrictModel.type(doc))) {
        objects.add(StrictModel.typed(doc));
      }
    }
    this.typed = List.copyOf(objects);
  }

  static Manifests of(String overlay) {
    return CACHE.computeIfAbsent(overlay, o -> new Manifests(o, Kustomize.overlay(o)));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return typed.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + " has no " + type.getSimpleName() + " "
            + name));
  }

  /** Documents of a kind without a typed model (the External Secrets Operator's). */
  List<JsonNode> untyped(String kind) {
    return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  /** The ConfigMap of settings, whatever its hash. */
  ConfigMap settings() {
    return all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().startsWith(SETTINGS + "-")).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + " has no ConfigMap " + SETTINGS));
  }

  /** A StatefulSet or Deployment running one role of Holdfast. */
  record Workload(String kind, String name, String role, Integer replicas,
      PodTemplateSpec template) {
    Container container() {
      return template.getSpec().getContainers().get(0);
    }

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  List<Workload> workloads() {
    Stream<Workload> sets = all(StatefulSet.class).stream().map(s -> workload("StatefulSet",
        s.getMetadata().getName(), s.getSpec().getReplicas(), s.getSpec().getTemplate()));
    Stream<Workload> deployments = all(Deployment.class).stream().map(d -> workload(
        "Deployment", d.getMetadata().getName(), d.getSpec().getReplicas(),
        d.getSpec().getTemplate()));
    return Stream.concat(sets, deployments).toList();
  }

  Workload workload(String role) {
    return workloads().stream().filter(w -> w.role().equals(role)).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + " runs no --role " + role));
  }

  private static Workload workload(String kind, String name, Integer replicas,
      PodTemplateSpec template) {
    List<String> args = template.getSpec().getContainers().get(0).getArgs();
    int at = args.indexOf("--role");
    String role = at >= 0 && at + 1 < args.size() ? args.get(at + 1) : "?";
    return new Workload(kind, name, role, replicas, template);
  }

  @Override
  public String toString() {
    return overlay;
  }
}

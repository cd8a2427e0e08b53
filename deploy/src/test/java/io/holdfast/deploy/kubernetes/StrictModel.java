package io.holdfast.deploy.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' schema as fabric8's typed model holds it, strictly: fabric8's classes keep unknown
 * fields aside (an "any setter") so that a client never loses data, which would let a misspelled
 * field pass; this mapper has no any setter, ignores nothing, and coerces no text into numbers
 * or booleans. The External Secrets Operator's kinds have no typed model here: their required
 * fields and known keys are checked by hand.
 */
final class StrictModel {
  private StrictModel() {}

  /** Every apiVersion/kind the manifests may contain, and the class that types it. */
  static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
      Map.entry("v1/Namespace", Namespace.class),
      Map.entry("v1/ServiceAccount", ServiceAccount.class),
      Map.entry("v1/ConfigMap", ConfigMap.class),
      Map.entry("v1/Secret", Secret.class),
      Map.entry("v1/Service", Service.class),
      Map.entry("apps/v1/StatefulSet", StatefulSet.class),
      Map.entry("apps/v1/Deployment", Deployment.class),
      Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
      Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
      Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
      Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
      Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
      Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

  /** The External Secrets Operator's kinds, checked by {@link ExternalSecrets}. */
  static final Set<String> UNTYPED = Set.of("external-secrets.io/v1/ExternalSecret",
      "external-secrets.io/v1/SecretStore");

  static final ObjectMapper STRICT = strictMapper();

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .annotationIntrospector(new JacksonAnnotationIntrospector() {
          @Override
          public Boolean hasAnySetter(Annotated a) {
            return Boolean.FALSE;
          }

          @Override
          public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config,
              Annotated a) {
            return JsonIgnoreProperties.Value.empty();
          }
        })
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
    mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    return mapper;
  }

  /** "apiVersion/kind" of a document. */
  static String type(JsonNode doc) {
    return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
  }

  /** "Kind name", as failures name a document. */
  static String name(JsonNode doc) {
    return doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText();
  }

  /**
   * The document as its typed class; an {@link AssertionError} naming the document and the
   * field when the schema does not know a field or a value has the wrong type.
   */
  static HasMetadata typed(JsonNode doc) {
    Class<? extends HasMetadata> type = TYPES.get(type(doc));
    if (type == null) {
      throw new AssertionError(name(doc) + ": " + type(doc) + " is not a kind these manifests "
          + "may contain (StrictModel.TYPES)");
    }
    try {
      return STRICT.treeToValue(doc, type);
    } catch (Exception e) {
      throw new AssertionError(name(doc) + " does not match the schema of " + type(doc) + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}

package io.holdfast.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The External Secrets Operator's SecretStore and ExternalSecret (external-secrets.io/v1), which
 * no typed model here covers: the fields the operator requires, and no key it does not know at
 * the levels these manifests write.
 */
final class ExternalSecrets {
  private ExternalSecrets() {}

  /** What is wrong with {@code doc}; empty when nothing. */
  static List<String> problems(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    String kind = doc.path("kind").asText();
    JsonNode spec = doc.path("spec");
    if (doc.path("metadata").path("name").asText().isBlank()) {
      problems.add("metadata.name is required");
    }
    if (kind.equals("SecretStore")) {
      known(spec, "spec", Set.of("provider", "controller", "retrySettings", "refreshInterval",
          "conditions"), problems);
      JsonNode provider = spec.path("provider");
      if (provider.size() != 1) {
        problems.add("spec.provider must name exactly one provider");
      }
      JsonNode aws = provider.path("aws");
      if (!aws.isMissingNode()) {
        known(aws, "spec.provider.aws", Set.of("service", "region", "role", "auth",
            "additionalRoles", "externalID", "sessionTags", "prefix", "secretsManager"), problems);
        if (!Set.of("SecretsManager", "ParameterStore").contains(aws.path("service").asText())) {
          problems.add("spec.provider.aws.service must be SecretsManager or ParameterStore");
        }
        required(aws, "region", "spec.provider.aws", problems);
      }
    } else if (kind.equals("ExternalSecret")) {
      known(spec, "spec", Set.of("refreshInterval", "refreshPolicy", "secretStoreRef", "target",
          "data", "dataFrom"), problems);
      required(spec.path("secretStoreRef"), "name", "spec.secretStoreRef", problems);
      if (!Set.of("", "SecretStore", "ClusterSecretStore")
          .contains(spec.path("secretStoreRef").path("kind").asText())) {
        problems.add("spec.secretStoreRef.kind must be SecretStore or ClusterSecretStore");
      }
      JsonNode target = spec.path("target");
      known(target, "spec.target", Set.of("name", "creationPolicy", "deletionPolicy",
          "template", "immutable"), problems);
      required(target, "name", "spec.target", problems);
      known(target.path("template"), "spec.target.template", Set.of("engineVersion", "type",
          "data", "metadata", "mergePolicy", "templateFrom"), problems);
      if (spec.path("data").isEmpty() && spec.path("dataFrom").isEmpty()) {
        problems.add("spec.data or spec.dataFrom is required");
      }
      for (JsonNode data : spec.path("data")) {
        required(data, "secretKey", "spec.data[]", problems);
        required(data.path("remoteRef"), "key", "spec.data[].remoteRef", problems);
      }
      for (JsonNode from : spec.path("dataFrom")) {
        if (from.path("extract").path("key").asText().isBlank() && from.path("find").isEmpty()) {
          problems.add("spec.dataFrom[] needs extract.key or find");
        }
      }
    } else {
      problems.add("unknown kind " + kind);
    }
    return problems;
  }

  /** The keys of the Secret an ExternalSecret writes (its template's when it has one). */
  static Set<String> targetKeys(JsonNode externalSecret) {
    Set<String> keys = new TreeSet<>();
    JsonNode spec = externalSecret.path("spec");
    JsonNode template = spec.path("target").path("template").path("data");
    if (!template.isMissingNode()) {
      template.fieldNames().forEachRemaining(keys::add);
    } else {
      spec.path("data").forEach(d -> keys.add(d.path("secretKey").asText()));
    }
    return keys;
  }

  private static void required(JsonNode node, String field, String where, List<String> out) {
    if (node.path(field).asText().isBlank()) {
      out.add(where + "." + field + " is required");
    }
  }

  private static void known(JsonNode node, String where, Set<String> fields, List<String> out) {
    node.fieldNames().forEachRemaining(f -> {
      if (!fields.contains(f)) {
        out.add(where + "." + f + " is not a field the operator knows");
      }
    });
  }
}

package io.holdfast.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.holdfast.app.PlatformSettings;
import io.holdfast.deploy.kubernetes.Manifests.Workload;
import io.holdfast.support.config.Setting;
import io.holdfast.testkit.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Kubernetes settings: only the launcher's settings, and secrets only from the Secret")
class SettingsTest {
  static final String[] OVERLAYS = Manifests.OVERLAYS;
  static final Set<String> KNOWN = PlatformSettings.CATALOGUE.stream().map(Setting::variable)
      .collect(Collectors.toUnmodifiableSet());
  /** The settings that carry a password or a key: never in a ConfigMap or a file here. */
  static final Set<String> SECRET_SETTINGS = Set.of("HOLDFAST_PG_URL", "HOLDFAST_REDIS_URL",
      "HOLDFAST_SMTP_URL", "HOLDFAST_PLATFORM_KEY", "HOLDFAST_STRIPE_SECRET_KEY",
      "HOLDFAST_STRIPE_WEBHOOK_SECRET");
  /** Not a setting, and passed on purpose: the JVM's flags. */
  static final Set<String> NOT_SETTINGS = Set.of("JAVA_TOOL_OPTIONS");

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every variable a pod gets (env, envFrom ConfigMaps, Secret keys) is a setting of the launcher")
  void everyVariableIsASetting(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Set<String> passed = new TreeSet<>();
    for (Workload w : manifests.workloads()) {
      for (EnvVar env : w.container().getEnv()) {
        passed.add(env.getName());
        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
          assertThat(env.getValueFrom().getSecretKeyRef().getKey()).as(w + " " + env.getName())
              .isEqualTo(env.getName());
        }
      }
      for (EnvFromSource from : w.container().getEnvFrom()) {
        assertThat(from.getSecretRef()).as(w + ": secrets by key, not envFrom").isNull();
        String name = from.getConfigMapRef().getName();
        passed.addAll(manifests.one(ConfigMap.class, name).getData().keySet());
      }
    }
    passed.removeAll(NOT_SETTINGS);
    assertThat(passed).as("variables the launcher would ignore").isSubsetOf(KNOWN)
        .contains("HOLDFAST_PROFILE", "HOLDFAST_PG_URL", "HOLDFAST_HAZELCAST_SERVICE_DNS");
  }

  @Test
  @DisplayName("every HOLDFAST_ name written anywhere in kubernetes/ and monitoring/ (infrastructure.env too) is a setting")
  void everyNameInTheFilesIsASetting() throws IOException {
    Set<String> named = new TreeSet<>();
    Pattern name = Pattern.compile("HOLDFAST_[A-Z0-9_]*[A-Z0-9]");
    for (String dir : new String[] {"kubernetes", "monitoring"}) {
      try (Stream<Path> files = Files.walk(Repository.root().resolve(dir))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Matcher m = name.matcher(Files.readString(file));
          while (m.find()) {
            named.add(m.group());
          }
        }
      }
    }
    assertThat(named).contains("HOLDFAST_KAFKA_BOOTSTRAP", "HOLDFAST_PUBLIC_URL")
        .isSubsetOf(KNOWN);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("no secret is in a ConfigMap or a Secret of the tree: the pods read them from holdfast-secrets")
  void secretsOnlyFromTheSecret(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    assertThat(manifests.documents).noneMatch(d -> d.path("kind").asText().equals("Secret"));
    for (ConfigMap map : manifests.all(ConfigMap.class)) {
      assertThat(map.getData().keySet()).as(map.getMetadata().getName())
          .doesNotContainAnyElementsOf(SECRET_SETTINGS);
    }
    for (Workload w : manifests.workloads()) {
      Map<String, EnvVar> env = w.container().getEnv().stream()
          .collect(Collectors.toMap(EnvVar::getName, e -> e));
      for (String secret : SECRET_SETTINGS) {
        EnvVar var = env.get(secret);
        assertThat(var).as(w + " " + secret).isNotNull();
        assertThat(var.getValue()).as(w + " " + secret).isNull();
        assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo(Manifests.SECRET);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("the token key files the settings name are the Secret's keys, mounted read-only where they say")
  void tokenKeyFiles(String overlay) {
    Manifests manifests = Manifests.of(overlay);
    Map<String, String> settings = manifests.settings().getData();
    for (Workload w : manifests.workloads()) {
      Set<String> files = new TreeSet<>();
      for (VolumeMount mount : w.container().getVolumeMounts()) {
        Volume volume = w.template().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        if (volume.getSecret() != null) {
          assertThat(volume.getSecret().getSecretName()).isEqualTo(Manifests.SECRET);
          assertThat(mount.getReadOnly()).as(w + " " + mount.getMountPath()).isTrue();
          for (KeyToPath item : volume.getSecret().getItems()) {
            files.add(mount.getMountPath() + "/" + item.getPath());
          }
        }
      }
      assertThat(files).as(w.toString()).contains(
          settings.get("HOLDFAST_JWT_PRIVATE_KEY_FILE"),
          settings.get("HOLDFAST_JWT_PUBLIC_KEY_FILE"));
    }
  }

  @Test
  @DisplayName("production's PostgreSQL URL checks RDS's certificate and host name (verify-full) against the file every role mounts from the ConfigMap holdfast-postgres-ca")
  void productionPostgresCertificateChecked() {
    Manifests production = Manifests.of("production");
    String url = production.untyped("ExternalSecret").get(0).path("spec").path("target")
        .path("template").path("data").path("HOLDFAST_PG_URL").asText();
    Matcher rootCert = Pattern.compile("[?&]sslrootcert=([^&]+)").matcher(url);
    assertThat(url).contains("sslmode=verify-full");
    assertThat(rootCert.find()).as(url).isTrue();
    Path file = Path.of(rootCert.group(1));
    assertThat(file.getFileName().toString()).isEqualTo("ca.pem");
    for (Workload w : production.workloads()) {
      VolumeMount mount = w.container().getVolumeMounts().stream()
          .filter(m -> m.getMountPath().equals(file.getParent().toString())).findFirst()
          .orElseThrow(() -> new AssertionError(w + " mounts nothing at " + file.getParent()));
      assertThat(mount.getReadOnly()).isTrue();
      Volume volume = w.template().getSpec().getVolumes().stream()
          .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
      assertThat(volume.getConfigMap().getName()).isEqualTo("holdfast-postgres-ca");
      assertThat(volume.getConfigMap().getItems()).isNullOrEmpty();
    }
  }

  @Test
  @DisplayName("production's ExternalSecret writes every key of holdfast-secrets a pod reads")
  void externalSecretCoversWhatPodsRead() {
    Manifests production = Manifests.of("production");
    Set<String> read = new TreeSet<>();
    for (Workload w : production.workloads()) {
      w.container().getEnv().stream().filter(e -> e.getValueFrom() != null
          && e.getValueFrom().getSecretKeyRef() != null)
          .forEach(e -> read.add(e.getValueFrom().getSecretKeyRef().getKey()));
      w.template().getSpec().getVolumes().stream().filter(v -> v.getSecret() != null)
          .flatMap(v -> v.getSecret().getItems().stream()).forEach(i -> read.add(i.getKey()));
    }
    JsonNode external = production.untyped("ExternalSecret").get(0);
    assertThat(read).contains("jwt-private.pem", "HOLDFAST_PG_URL");
    assertThat(ExternalSecrets.targetKeys(external)).containsExactlyInAnyOrderElementsOf(read);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  @DisplayName("every pod runs the production profile: no demo data, metrics on a port of their own")
  void productionProfile(String overlay) {
    Map<String, String> settings = Manifests.of(overlay).settings().getData();
    assertThat(settings).containsEntry("HOLDFAST_PROFILE", "production")
        .containsEntry("HOLDFAST_SEED", "false")
        .containsEntry("HOLDFAST_MANAGEMENT_PORT", String.valueOf(WorkloadsTest.MANAGEMENT_PORT))
        .containsEntry("HOLDFAST_HTTP_HOST", "0.0.0.0")
        .containsEntry("HOLDFAST_MANAGEMENT_HOST", "0.0.0.0")
        .containsKeys("HOLDFAST_PUBLIC_URL", "HOLDFAST_KAFKA_BOOTSTRAP");
    assertThat(settings.get("HOLDFAST_HTTP_PORT")).isNotEqualTo(
        settings.get("HOLDFAST_MANAGEMENT_PORT"));
  }
}

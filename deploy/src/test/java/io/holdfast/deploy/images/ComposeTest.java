package io.holdfast.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.app.Role;
import io.holdfast.testkit.Repository;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docker/compose.yaml")
class ComposeTest {
  private static final Map<String, Object> COMPOSE = DeployFiles.yaml("docker/compose.yaml");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) COMPOSE.get("services");
  }

  /** A service's environment, whichever form it is written in (a map, or KEY=VALUE lines). */
  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new HashMap<>();
    Object e = service.get("environment");
    if (e instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    } else if (e instanceof List<?> list) {
      for (Object line : list) {
        String[] kv = String.valueOf(line).split("=", 2);
        env.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return env;
  }

  /** The role a Holdfast service runs ({@code --role X} in its command), or null. */
  @SuppressWarnings("unchecked")
  private static Role role(Map<String, Object> service) {
    List<Object> command = (List<Object>) service.getOrDefault("command", List.of());
    int i = command.indexOf("--role");
    return i < 0 ? null : Role.parse(String.valueOf(command.get(i + 1)));
  }

  private static List<Map<String, Object>> holdfast(Role role) {
    return services().values().stream().filter(s -> role(s) == role).toList();
  }

  @Test
  @DisplayName("passes only settings the launcher knows, wherever a HOLDFAST_ name appears")
  void onlyKnownSettings() {
    assertThat(DeployFiles.holdfastNames(DeployFiles.read("docker/compose.yaml")))
        .isNotEmpty().isSubsetOf(DeployFiles.SETTINGS);
    services().values().forEach(s -> assertThat(environment(s).keySet())
        .filteredOn(k -> k.startsWith("HOLDFAST_")).isSubsetOf(DeployFiles.SETTINGS));
  }

  @Test
  @DisplayName("starts PostgreSQL, Redis, Kafka, an SMTP catcher, 3 members, 2 edges and a worker")
  void theCluster() {
    assertThat(services()).containsKeys("postgres", "redis", "kafka", "smtp");
    assertThat(holdfast(Role.MEMBER)).hasSize(3);
    assertThat(holdfast(Role.EDGE)).hasSize(2);
    assertThat(holdfast(Role.WORKER)).hasSizeBetween(1, 2);
    for (Role role : List.of(Role.MEMBER, Role.EDGE, Role.WORKER)) {
      for (Map<String, Object> s : holdfast(role)) {
        assertThat(String.valueOf(s.get("image"))).startsWith("holdfast/holdfast:");
        assertThat(s).containsEntry("network_mode", "host").containsEntry("read_only", true);
        assertThat(environment(s)).containsKeys("HOLDFAST_PG_URL", "HOLDFAST_KAFKA_BOOTSTRAP",
            "HOLDFAST_REDIS_URL", "HOLDFAST_SMTP_URL", "HOLDFAST_HAZELCAST_MEMBERS",
            "HOLDFAST_HAZELCAST_PORT", "HOLDFAST_JWT_PRIVATE_KEY_FILE");
      }
    }
  }

  @Test
  @DisplayName("gives every part its own ports on the shared host network, and seeds the members' "
      + "grid ports")
  void portsDoNotCollide() {
    List<String> ports = new ArrayList<>();
    services().forEach((name, s) -> {
      Map<String, String> env = environment(s);
      env.forEach((k, v) -> {
        if (k.endsWith("_PORT") || k.equals("PGPORT")) {
          ports.add(v);
        }
      });
      if (name.equals("kafka")) { // the broker, and its controller on the next port
        int port = Integer.parseInt(command(name).get(0));
        ports.addAll(List.of(String.valueOf(port), String.valueOf(port + 1)));
      } else if (name.equals("smtp")) {
        ports.addAll(command(name));
      }
    });
    assertThat(ports).doesNotHaveDuplicates();
    String seeds = environment(holdfast(Role.EDGE).get(0)).get("HOLDFAST_HAZELCAST_MEMBERS");
    assertThat(seeds.split(",")).containsExactlyInAnyOrderElementsOf(holdfast(Role.MEMBER)
        .stream().map(s -> "127.0.0.1:" + environment(s).get("HOLDFAST_HAZELCAST_PORT")).toList());
  }

  @Test
  @DisplayName("is the cluster scripts/container-cluster starts with podman run: the same ports")
  void sameAsContainerCluster() {
    Map<String, Integer> cc = new HashMap<>();
    Matcher m = Pattern.compile("(\\w+)=\\$\\{CC_\\w+:-(\\d+)}")
        .matcher(DeployFiles.read("scripts/container-cluster"));
    while (m.find()) {
      cc.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    assertThat(environment(services().get("postgres"))).containsEntry("PGPORT", port(cc, "PG_PORT", 0));
    assertThat(environment(services().get("redis")))
        .containsEntry("REDIS_PORT", port(cc, "REDIS_PORT", 0));
    assertThat(command("kafka")).containsExactly(port(cc, "KAFKA_PORT", 0));
    assertThat(command("smtp")).first().isEqualTo(port(cc, "SMTP_PORT", 0));
    for (String role : List.of("member", "edge", "worker")) {
      int offset = role.equals("member") ? 0 : role.equals("edge") ? 10 : 20;
      for (int k = 1; k <= cc.get(role.toUpperCase(Locale.ROOT) + "S"); k++) {
        Map<String, String> env = environment(services().get(role + "-" + k));
        assertThat(env).as(role + "-" + k)
            .containsEntry("HOLDFAST_HAZELCAST_PORT", port(cc, "GRID_PORT", offset + k))
            .containsEntry("HOLDFAST_MANAGEMENT_PORT", port(cc, "MANAGEMENT_PORT", offset + k));
        if (role.equals("edge")) {
          assertThat(env).containsEntry("HOLDFAST_HTTP_PORT", port(cc, "HTTP_PORT", k - 1));
        }
      }
    }
  }

  private static List<String> command(String service) {
    return ((List<?>) services().get(service).get("command")).stream().map(String::valueOf).toList();
  }

  private static String port(Map<String, Integer> defaults, String name, int plus) {
    assertThat(defaults).containsKey(name);
    return String.valueOf(defaults.get(name) + plus);
  }

  @Test
  @DisplayName("runs Kafka and the SMTP catcher with scripts the image carries")
  void entrypointsExist() {
    for (String name : List.of("kafka", "smtp")) {
      String entrypoint = String.valueOf(((List<?>) services().get(name).get("entrypoint")).get(0));
      assertThat(entrypoint).startsWith("/opt/holdfast/bin/");
      assertThat(Files.isExecutable(Repository.root()
          .resolve("docker/bin/" + entrypoint.substring("/opt/holdfast/bin/".length())))).isTrue();
    }
  }
}

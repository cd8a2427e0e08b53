package io.holdfast.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.app.Role;
import io.holdfast.testkit.Repository;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
  @DisplayName("starts PostgreSQL, Redis, Kafka, an SMTP catcher, 3 members, 2 edges and a worker, each on the project's network, known to the others by its service name")
  void theCluster() {
    assertThat(services()).containsKeys("postgres", "redis", "kafka", "smtp");
    assertThat(holdfast(Role.MEMBER)).hasSize(3);
    assertThat(holdfast(Role.EDGE)).hasSize(2);
    assertThat(holdfast(Role.WORKER)).hasSizeBetween(1, 2);
    services().forEach((name, s) -> assertThat(s).as(name).doesNotContainKey("network_mode"));
    for (Role role : List.of(Role.MEMBER, Role.EDGE, Role.WORKER)) {
      for (Map<String, Object> s : holdfast(role)) {
        assertThat(String.valueOf(s.get("image"))).startsWith("holdfast/holdfast:");
        assertThat(s).containsEntry("read_only", true);
        assertThat(environment(s)).containsKeys("HOLDFAST_PG_URL", "HOLDFAST_KAFKA_BOOTSTRAP",
            "HOLDFAST_REDIS_URL", "HOLDFAST_SMTP_URL", "HOLDFAST_HAZELCAST_MEMBERS",
            "HOLDFAST_HAZELCAST_PORT", "HOLDFAST_JWT_PRIVATE_KEY_FILE")
            .containsEntry("HOLDFAST_HTTP_HOST", "0.0.0.0")
            .containsEntry("HOLDFAST_MANAGEMENT_HOST", "0.0.0.0");
      }
    }
    services().forEach((name, s) -> {
      if (role(s) != null) {
        assertThat(environment(s)).as(name).containsEntry("HOLDFAST_HAZELCAST_HOST", name);
      }
    });
  }

  @Test
  @DisplayName("makes the token key pair once, into a volume every Holdfast process mounts read-only where its key settings point")
  void keysMadeOnce() {
    Map<String, Object> keys = services().get("keys");
    assertThat(String.valueOf(keys.get("image"))).startsWith("holdfast/holdfast:");
    String made = String.valueOf(((List<?>) keys.get("command")).get(0));
    assertThat(made).contains("openssl genpkey", "private.pem", "public.pem", "if [ ! -s");
    assertThat(strings(keys.get("volumes"))).containsExactly("keys:/var/lib/holdfast");
    assertThat(((Map<?, ?>) COMPOSE.get("volumes")).keySet()).map(String::valueOf)
        .contains("keys");
    services().forEach((name, s) -> {
      if (role(s) != null) {
        Map<String, String> env = environment(s);
        assertThat(strings(s.get("volumes"))).as(name).contains("keys:/run/holdfast/keys:ro");
        assertThat(env.get("HOLDFAST_JWT_PRIVATE_KEY_FILE")).isEqualTo(
            "/run/holdfast/keys/private.pem");
        assertThat(env.get("HOLDFAST_JWT_PUBLIC_KEY_FILE")).isEqualTo(
            "/run/holdfast/keys/public.pem");
        assertThat(s.get("depends_on").toString()).as(name).contains("keys");
      }
    });
  }

  @Test
  @DisplayName("reaches every server at the service and port it listens on, beyond its own container")
  void serversByServiceName() {
    Map<String, String> env = environment(holdfast(Role.WORKER).get(0));
    Map<String, String> postgres = environment(services().get("postgres"));
    assertThat(postgres).containsEntry("PGHOST", "0.0.0.0").containsKey("POSTGRES_PASSWORD");
    assertThat(URI.create(env.get("HOLDFAST_PG_URL"))).satisfies(u -> {
      assertThat(u.getHost()).isEqualTo("postgres");
      assertThat(String.valueOf(u.getPort())).isEqualTo(postgres.get("PGPORT"));
      assertThat(u.getUserInfo()).isEqualTo("postgres:" + postgres.get("POSTGRES_PASSWORD"));
    });
    Map<String, String> redis = environment(services().get("redis"));
    assertThat(redis).containsEntry("REDIS_HOST", "0.0.0.0");
    assertThat(env.get("HOLDFAST_REDIS_URL")).isEqualTo("redis://redis:" + redis.get("REDIS_PORT"));
    assertThat(environment(services().get("kafka"))).containsEntry("KAFKA_HOST", "kafka");
    assertThat(env.get("HOLDFAST_KAFKA_BOOTSTRAP")).isEqualTo("kafka:" + command("kafka").get(0));
    assertThat(environment(services().get("smtp"))).containsEntry("MAIL_HOST", "0.0.0.0");
    assertThat(env.get("HOLDFAST_SMTP_URL")).isEqualTo("smtp://smtp:" + command("smtp").get(0));
    String seeds = env.get("HOLDFAST_HAZELCAST_MEMBERS");
    List<String> members = new ArrayList<>();
    services().forEach((name, s) -> {
      if (role(s) == Role.MEMBER) {
        members.add(name + ":" + environment(s).get("HOLDFAST_HAZELCAST_PORT"));
      }
    });
    assertThat(seeds.split(",")).containsExactlyInAnyOrderElementsOf(members);
  }

  @Test
  @DisplayName("publishes only the edges' API and the caught mail, on 127.0.0.1, at the ports scripts/container-cluster uses")
  void publishedPorts() {
    Map<String, Integer> cc = new HashMap<>();
    Matcher m = Pattern.compile("(\\w+)=\\$\\{CC_\\w+:-(\\d+)}")
        .matcher(DeployFiles.read("scripts/container-cluster"));
    while (m.find()) {
      cc.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    Map<String, List<String>> published = new HashMap<>();
    services().forEach((name, s) -> {
      List<String> ports = ((List<?>) s.getOrDefault("ports", List.of())).stream()
          .map(String::valueOf).toList();
      ports.forEach(p -> assertThat(p).as(name).startsWith("127.0.0.1:"));
      if (!ports.isEmpty()) {
        published.put(name, ports);
      }
    });
    assertThat(published).containsOnlyKeys("edge-1", "edge-2", "smtp");
    for (int k = 1; k <= 2; k++) {
      Map<String, Object> edge = services().get("edge-" + k);
      assertThat(published.get("edge-" + k)).containsExactly("127.0.0.1:"
          + port(cc, "HTTP_PORT", k - 1) + ":" + environment(edge).get("HOLDFAST_HTTP_PORT"));
    }
    assertThat(published.get("smtp")).containsExactly("127.0.0.1:" + port(cc, "SMTP_PORT", 1)
        + ":" + command("smtp").get(1));
    assertThat(environment(services().get("edge-1")).get("HOLDFAST_PUBLIC_URL"))
        .isEqualTo("http://127.0.0.1:" + port(cc, "HTTP_PORT", 0));
  }

  private static List<String> strings(Object list) {
    return ((List<?>) list).stream().map(String::valueOf).toList();
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

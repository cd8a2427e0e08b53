package io.holdfast.load;

import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.infra.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Holdfast processes of one cluster, each its own JVM started with this JVM's classpath
 * ({@code io.holdfast.app.Main --role ...}), for tests that kill them for real. The servers
 * (PostgreSQL, Kafka, Redis) are given by URL; the token keys are written to files; every
 * process logs to {@code <dir>/<name>.log}. Only the processes it started are ever stopped.
 */
final class ProcessCluster implements AutoCloseable {
  private final Path dir;
  private final Map<String, String> shared = new HashMap<>();
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> own = new HashMap<>();
  private final List<Integer> memberPorts;
  /** How often each process was started: awaitUp waits for that many "is up" lines. */
  private final Map<String, Integer> starts = new HashMap<>();

  /**
   * @param servers HOLDFAST_PG_URL, HOLDFAST_KAFKA_BOOTSTRAP, HOLDFAST_REDIS_URL and any other
   *                setting every process gets
   * @param members how many grid members the cluster will have (their ports are seeds)
   */
  ProcessCluster(Path dir, Map<String, String> servers, int members) throws IOException {
    this.dir = Files.createDirectories(dir);
    KeyPair keys = RsaKeys.generate();
    Path privateKey = Files.writeString(dir.resolve("private.pem"), RsaKeys.privatePem(keys));
    Path publicKey = Files.writeString(dir.resolve("public.pem"), RsaKeys.publicPem(keys));
    memberPorts = IntStream.range(0, members).mapToObj(i -> LoopbackPorts.free()).toList();
    shared.putAll(servers);
    shared.put("HOLDFAST_JWT_PRIVATE_KEY_FILE", privateKey.toString());
    shared.put("HOLDFAST_JWT_PUBLIC_KEY_FILE", publicKey.toString());
    shared.put("HOLDFAST_CLUSTER_NAME", "process-cluster-" + UUID.randomUUID());
    shared.put("HOLDFAST_HAZELCAST_MEMBERS", memberPorts.stream()
        .map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
  }

  /** Starts {@code member-K} (1-based), which takes the K-th seed port. */
  void member(int k) throws IOException {
    start("member-" + k, "member", Map.of("HOLDFAST_HAZELCAST_PORT",
        String.valueOf(memberPorts.get(k - 1))));
  }

  /** Starts an edge on a free port; answers its base URL. */
  String edge(String name, Map<String, String> env) throws IOException {
    int port = LoopbackPorts.free();
    Map<String, String> e = new HashMap<>(env);
    e.put("HOLDFAST_HTTP_PORT", String.valueOf(port));
    e.put("HOLDFAST_HAZELCAST_PORT", String.valueOf(LoopbackPorts.free()));
    start(name, "edge", e);
    return "http://127.0.0.1:" + port;
  }

  void worker(String name) throws IOException {
    start(name, "worker", Map.of("HOLDFAST_HAZELCAST_PORT",
        String.valueOf(LoopbackPorts.free())));
  }

  private void start(String name, String role, Map<String, String> env) throws IOException {
    own.put(name, Map.copyOf(env));
    launch(name, role);
  }

  private void launch(String name, String role) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Xms64m", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError",
        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
        "-cp", System.getProperty("java.class.path"), "io.holdfast.app.Main", "--role", role);
    pb.environment().keySet().removeIf(k -> k.startsWith("HOLDFAST_"));
    pb.environment().putAll(shared);
    pb.environment().putAll(own.get(name));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
    running.put(name, pb.start());
  }

  /** Waits until every named process printed that it is up; fails with its log's tail if not. */
  void awaitUp(long timeoutMillis, String... names) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    for (String name : names) {
      Path log = dir.resolve(name + ".log");
      while (true) {
        String text = Files.exists(log) ? Files.readString(log) : "";
        long ups = text.lines().filter(l -> l.startsWith("Holdfast ") && l.contains(" is up"))
            .count();
        if (ups >= starts(name)) {
          break;
        }
        if (!running.get(name).isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(name + " did not start; its log ends with:\n"
              + text.lines().skip(Math.max(0, text.lines().count() - 30))
                  .collect(Collectors.joining("\n")));
        }
        Thread.sleep(250);
      }
    }
  }

  private int starts(String name) {
    return starts.getOrDefault(name, 1);
  }

  /** kill -9. */
  void kill(String name) throws InterruptedException {
    Process p = running.get(name);
    p.destroyForcibly();
    p.waitFor();
  }

  /** Starts a killed process again, with the settings it had. */
  void restart(String name, String role) throws IOException {
    starts.merge(name, 2, (a, b) -> a + 1);
    launch(name, role);
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    running.values().forEach(Process::destroy);
    for (Process p : running.values()) {
      try {
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}

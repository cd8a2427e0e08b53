package io.holdfast.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.config.Settings;
import io.holdfast.infra.Infrastructure;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The chaos run's short version (scripts/chaos is the long one): a real cluster of processes
 * (three members, an edge, a worker; PostgreSQL, Kafka and Redis in servers of their own) sells
 * an event while a member and then the worker are killed with SIGKILL, and afterwards every
 * invariant of {@link ChaosCheck} holds.
 */
@DisplayName("A cluster of processes that loses a member and a worker mid-sale")
class ClusterChaosTest {
  private static final int CAPACITY = 1000;
  private static final int BUYERS = 40;
  private static final long LOAD_MILLIS = 45_000;

  private static Infrastructure servers;
  private static ProcessCluster cluster;
  private static String edge;

  @BeforeAll
  static void startCluster() throws Exception {
    servers = Infrastructure.start(new JsonObject(), 4);
    JsonObject c = servers.config();
    cluster = new ProcessCluster(Path.of("target", "process-cluster", UUID.randomUUID()
        .toString().substring(0, 8)), Map.ofEntries(
            Map.entry("HOLDFAST_PG_URL", c.getString(Settings.PG_URL.key())),
            Map.entry("HOLDFAST_KAFKA_BOOTSTRAP", c.getString(Settings.KAFKA_BOOTSTRAP.key())),
            Map.entry("HOLDFAST_REDIS_URL", c.getString(Settings.REDIS_URL.key())),
            Map.entry("HOLDFAST_SMTP_URL", c.getString(Settings.SMTP_URL.key())),
            Map.entry("HOLDFAST_GRID_QUORUM", "2"),
            Map.entry("HOLDFAST_GRID_HEARTBEAT_SECONDS", "10"),
            Map.entry("HOLDFAST_EDGE_INSTANCES", "1"),
            Map.entry("HOLDFAST_CORE_INSTANCES", "1"),
            Map.entry("HOLDFAST_PASSWORD_MEMORY_KIB", "1024"),
            Map.entry("HOLDFAST_PASSWORD_PASSES", "1"),
            Map.entry("HOLDFAST_MIN_HOLD_SECONDS", "5"),
            Map.entry("HOLDFAST_RATE_ANONYMOUS_PER_MINUTE", "100000"),
            Map.entry("HOLDFAST_RATE_USER_PER_MINUTE", "100000"),
            Map.entry("HOLDFAST_RATE_REGISTER_PER_MINUTE", "100000"),
            Map.entry("HOLDFAST_RECONCILE_INTERVAL_MILLIS", "0")), 3);
    for (int k = 1; k <= 3; k++) {
      cluster.member(k);
    }
    cluster.awaitUp(240_000, "member-1", "member-2", "member-3");
    edge = cluster.edge("edge-1", Map.of());
    cluster.worker("worker-1");
    cluster.awaitUp(240_000, "edge-1", "worker-1");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  @DisplayName("sells on through kill -9 of a member and of the worker, and nothing is lost")
  void survivesKills() throws Exception {
    Fixture fixture = new Fixture(edge);
    String eventId = fixture.createEvent("organizer@holdfast.dev", "holdfast-demo", CAPACITY,
        100, 5);
    List<Fixture.Buyer> buyers = fixture.registerBuyers(BUYERS, 8);
    Path trace = cluster.dir().resolve("trace.csv");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger afterKill = new AtomicInteger();
    long began = System.currentTimeMillis();
    long[] killedAt = {Long.MAX_VALUE};
    ExecutorService drivers = Executors.newFixedThreadPool(8);
    try (Trace out = Trace.to(trace)) {
      Buyers sales = new Buyers(http, edge, eventId, out);
      for (int t = 0; t < 8; t++) {
        List<Fixture.Buyer> mine = new ArrayList<>();
        for (int i = t; i < buyers.size(); i += 8) {
          mine.add(buyers.get(i));
        }
        drivers.submit(() -> {
          while (System.currentTimeMillis() - began < LOAD_MILLIS && !sales.soldOut()) {
            for (Fixture.Buyer b : mine) {
              if (sales.buy(b) && System.currentTimeMillis() > killedAt[0] + 15_000) {
                afterKill.incrementAndGet();
              }
            }
          }
          return null;
        });
      }
      Thread.sleep(8_000);
      killedAt[0] = System.currentTimeMillis();
      cluster.kill("member-2");
      Thread.sleep(10_000);
      cluster.kill("worker-1");
      Thread.sleep(8_000);
      cluster.restart("worker-1", "worker");
      drivers.shutdown();
      assertThat(drivers.awaitTermination(LOAD_MILLIS + 60_000, TimeUnit.MILLISECONDS)).isTrue();
    } finally {
      drivers.shutdownNow();
    }
    cluster.awaitUp(240_000, "worker-1");

    assertThat(afterKill.get() > 0 || fixtureSoldOut(fixture, eventId))
        .as("holds were granted after the member died, or the event sold out").isTrue();
    List<String> failed = ChaosCheck.verify(edge, servers.config().getString(Settings.PG_URL.key()),
        eventId, trace, 180);
    assertThat(failed).as("the invariants after the run").isEmpty();
  }

  private static boolean fixtureSoldOut(Fixture fixture, String eventId) throws Exception {
    return fixture.availability(eventId).getInteger("available", -1) == 0;
  }

  /** One buyer's turn: a hold, then pay for it, release it or let it lapse; each answer traced. */
  private static final class Buyers {
    private final HttpClient http;
    private final String base;
    private final String eventId;
    private final Trace out;
    private final AtomicInteger soldOutAnswers = new AtomicInteger();

    Buyers(HttpClient http, String base, String eventId, Trace out) {
      this.http = http;
      this.base = base;
      this.eventId = eventId;
      this.out = out;
    }

    boolean soldOut() {
      return soldOutAnswers.get() > 50;
    }

    /** True when the hold was granted. */
    boolean buy(Fixture.Buyer b) {
      HttpResponse<String> hold = send("POST", "/v1/events/" + eventId + "/holds", b.token(),
          "{\"section\":\"GA\",\"quantity\":2}");
      if (hold == null || hold.statusCode() != 201) {
        trace("hold", hold, "", "", "");
        if (hold != null && hold.statusCode() == 409) {
          soldOutAnswers.incrementAndGet();
        }
        return false;
      }
      String holdId = new JsonObject(hold.body()).getString("holdId");
      trace("hold", hold, holdId, "", b.token());
      int choice = ThreadLocalRandom.current().nextInt(4);
      if (choice < 2) {
        HttpResponse<String> checkout = send("POST", "/v1/holds/" + holdId + "/checkout",
            b.token(), null);
        String paymentId = checkout != null && checkout.statusCode() == 201
            ? new JsonObject(checkout.body()).getString("paymentId") : "";
        trace("checkout", checkout, holdId, paymentId, "");
        if (!paymentId.isEmpty()) {
          trace("pay", send("POST", "/v1/payments/" + paymentId + "/simulate", b.token(),
              "{\"outcome\":\"succeeded\"}"), holdId, paymentId, "");
        }
      } else if (choice == 2) {
        trace("release", send("DELETE", "/v1/holds/" + holdId, b.token(), null), holdId, "",
            "");
      }
      return true;
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .header("Content-Type", "application/json");
      r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body));
      try {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        return null;
      }
    }

    private void trace(String step, HttpResponse<String> r, String holdId, String paymentId,
        String token) {
      out.write(step, r == null ? 0 : r.statusCode(), holdId, paymentId, token);
    }
  }
}

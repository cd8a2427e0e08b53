package io.holdfast.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.abuse.Limits.Quota;
import io.holdfast.edge.abuse.RateLimiter.Verdict;
import io.holdfast.edge.idempotency.IdempotencyStore;
import io.holdfast.edge.redis.RedisPipeline;
import io.holdfast.infra.RedisServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("Request budgets in Redis")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimiterTest {
  private RedisServer server;
  private Vertx vertx;
  private Redis client;
  private final java.util.Map<RateLimiter, RedisPipeline> pipelines =
      new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  void start() {
    server = RedisServer.start();
    vertx = Vertx.vertx();
    client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.url()));
  }

  @AfterAll
  void stop() {
    vertx.close().await();
    server.close();
  }

  /** Budgets are counted per clock minute: a test that counts answers must not straddle two. */
  @BeforeEach
  void awayFromMinuteEnd() throws InterruptedException {
    long intoMinute = System.currentTimeMillis() % 60_000;
    if (intoMinute > 50_000) {
      Thread.sleep(60_000 - intoMinute + 200);
    }
  }

  /** An edge verticle's limiter: its own event-loop context and Redis connection. */
  private record Edge(Context context, RateLimiter limiter, IdempotencyStore store) {
    <T> T on(Supplier<Future<T>> call) {
      Promise<T> done = Promise.promise();
      context.runOnContext(v -> call.get().onComplete(done));
      return done.future().await();
    }
  }

  private Edge edge() {
    Context context = vertx.getOrCreateContext();
    Promise<Edge> made = Promise.promise();
    context.runOnContext(v -> {
      RedisPipeline pipeline = new RedisPipeline(vertx, server.url());
      RateLimiter limiter = new RateLimiter(pipeline);
      pipelines.put(limiter, pipeline);
      made.complete(new Edge(context, limiter, new IdempotencyStore(pipeline, limiter, 60)));
    });
    return made.future().await();
  }

  @Test
  @DisplayName("two edges spending leases of one caller's budget never pass it, and lose at "
      + "most one lease to it")
  void leasesNeverPassTheBudget() {
    Edge a = edge();
    Edge b = edge();
    String key = "rl:{" + UUID.randomUUID() + "}";
    int allowed = 0;
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      Edge edge = i % 3 == 0 ? b : a;
      Verdict verdict = edge.on(() -> edge.limiter().takeLeased(key, 600));
      if (verdict.allowed()) {
        allowed++;
        remaining.add(verdict.remaining());
      }
    }
    assertThat(allowed).isLessThanOrEqualTo(600)
        .isGreaterThanOrEqualTo(600 - (600 / RateLimiter.LEASE_SHARE - 1));
    assertThat(remaining.get(0)).isEqualTo(599);
    assertThat(remaining.get(remaining.size() - 1)).isBetween(0, 600 / RateLimiter.LEASE_SHARE);
  }

  @Test
  @DisplayName("exact budgets (sign-in, registration, addresses) take one request at a time")
  void exactBudgets() {
    Edge a = edge();
    Edge b = edge();
    String key = "rl:signin:" + UUID.randomUUID();
    int allowed = 0;
    for (int i = 0; i < 30; i++) {
      Edge edge = i % 2 == 0 ? a : b;
      if (edge.on(() -> edge.limiter().take(key, 20)).allowed()) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(20);
  }

  @Test
  @DisplayName("with a lease in hand, a hot route's claim is a plain SET NX: one script per lease")
  void claimsWithoutScripts() {
    Edge a = edge();
    String caller = UUID.randomUUID().toString();
    Quota quota = new Quota("rl:{" + caller + "}", 600);
    long before = scriptCalls();
    for (int i = 0; i < 30; i++) {
      String idem = "idem:{" + caller + "}:k" + i;
      String claim = "P" + i;
      Verdict verdict = a.on(() -> a.store().claim(idem, claim, quota));
      assertThat(verdict.allowed()).isTrue();
      assertThat(verdict.held()).isNull();
    }
    assertThat(scriptCalls() - before).isEqualTo(1);
    String again = "idem:{" + caller + "}:k0";
    assertThat(a.on(() -> a.store().claim(again, "P0", quota)).held()).isEqualTo("P0");
  }

  @Test
  @DisplayName("after Redis forgot the script, only the calls that answered NOSCRIPT run again: "
      + "a script that ran in the same batch runs once, and a claim beside it is not failed")
  void noScriptRerunsOnlyItsOwnCalls() {
    Edge a = edge();
    String caller = UUID.randomUUID().toString();
    String key = "rl:{" + caller + "}";
    String idem = "idem:{" + caller + "}:flushed";
    client.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await();
    long minute = System.currentTimeMillis() / 60_000;
    List<Future<?>> calls = a.on(() -> {
      // One turn, so one batch: a call that finds no script, a call that loads it and runs
      // (EVAL), a call that then finds it, and an idempotency claim.
      Future<Verdict> first = a.limiter().take(key, 100);
      Future<?> loads = pipelineOf(a).send("EVAL", RateLimiter.SCRIPT, "1", key + ":" + minute,
          "100", "1", "60000");
      Future<Verdict> third = a.limiter().take(key, 100);
      Future<String> claim = a.store().claim(idem, "P-flushed");
      return Future.succeededFuture(List.of(first, loads, third, claim));
    });
    Future.join(calls).otherwiseEmpty().await();
    for (Future<?> call : calls) {
      assertThat(call.succeeded()).as("each call has its own answer: " + call.cause()).isTrue();
    }
    assertThat(calls.get(3).result()).as("the claim was made").isNull();
    assertThat(client.send(Request.cmd(Command.GET).arg(key + ":" + minute)).await().toInteger())
        .as("three calls took three requests from the budget").isEqualTo(3);
  }

  private RedisPipeline pipelineOf(Edge edge) {
    return pipelines.get(edge.limiter());
  }

  private long scriptCalls() {
    String stats = client.send(Request.cmd(Command.INFO).arg("commandstats"))
        .await().toString();
    for (String line : stats.split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:calls=")) {
        return Long.parseLong(line.substring("cmdstat_evalsha:calls=".length(),
            line.indexOf(',')));
      }
    }
    return 0;
  }
}

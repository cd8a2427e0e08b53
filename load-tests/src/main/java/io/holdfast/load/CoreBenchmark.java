package io.holdfast.load;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Sharding;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.infra.KafkaServer;
import io.holdfast.support.config.Settings;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reservation core alone: single-ticket holds sent over the event bus to the core on one
 * grid member, {@code inFlight} at a time, for a bounded time, through the same batching client
 * the edge uses. No HTTP, no Redis; the core still tells Kafka about every hold as it does in
 * production.
 * Usage: {@code CoreBenchmark [seconds=20] [inFlight=256] [warmupSeconds=5] [capacity=30000000]}.
 */
public final class CoreBenchmark {
  private CoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int capacity = args.length > 3 ? Integer.parseInt(args[3]) : 30_000_000;
    try (CoreHarness core = CoreHarness.start()) {
      String eventId = core.event(capacity, 100);
      Run warm = new Run(core.vertx, eventId, "warm").drive(inFlight, warmup);
      Run run = new Run(core.vertx, eventId, "run").drive(inFlight, seconds);
      JsonObject counts = core.availability(eventId);
      long granted = warm.ok.get() + run.ok.get();
      boolean invariants = counts.getInteger("held") == granted
          && counts.getInteger("held") + counts.getInteger("sold")
              + counts.getInteger("available") == capacity;
      System.out.printf("RESULT requests=%d seconds=%d rps=%.0f p50=%.2f p99=%.2f p999=%.2f "
              + "ok=%d soldout=%d other=%d granted=%d held=%d invariants=%s%n",
          run.done.get(), seconds, run.done.get() / (double) seconds, run.percentile(50),
          run.percentile(99), run.percentile(99.9), run.ok.get(), run.refused.get(),
          run.failed.get(), granted, counts.getInteger("held"), invariants ? "ok" : "FAILED");
    }
    System.exit(0);
  }

  /** One bounded run: keeps {@code inFlight} holds going until the time is up. */
  private static final class Run {
    private final Vertx vertx;
    private final String eventId;
    private final String name;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final long[] latencies = new long[1 << 22];
    private final AtomicLong sampled = new AtomicLong();
    private volatile long deadline;

    Run(Vertx vertx, String eventId, String name) {
      this.vertx = vertx;
      this.eventId = eventId;
      this.name = name;
    }

    /**
     * Keeps {@code inFlight} holds going from one driver context per core (as the edge has one
     * verticle per core), each with its own {@link CoreClient}, until the time is up.
     */
    Run drive(int inFlight, int seconds) throws InterruptedException {
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      CountDownLatch finished = new CountDownLatch(inFlight);
      int drivers = Runtime.getRuntime().availableProcessors();
      for (int d = 0; d < drivers; d++) {
        int first = d;
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        context.runOnContext(v -> {
          CoreClient core = new CoreClient(vertx, 30_000);
          for (int lane = first; lane < inFlight; lane += drivers) {
            next(core, lane, 0, finished);
          }
        });
      }
      finished.await(seconds + 60L, TimeUnit.SECONDS);
      return this;
    }

    private void next(CoreClient core, int lane, long n, CountDownLatch finished) {
      if (System.nanoTime() >= deadline) {
        finished.countDown();
        return;
      }
      long began = System.nanoTime();
      String buyer = "buyer-" + name + "-" + lane + "-" + (n / 100);
      core.hold(new HoldRequest(eventId, buyer, "GA", 1)).onComplete(ar -> {
        long i = sampled.getAndIncrement();
        if (i < latencies.length) {
          latencies[(int) i] = System.nanoTime() - began;
        }
        done.incrementAndGet();
        if (ar.succeeded()) {
          ok.incrementAndGet();
        } else if (ar.cause() instanceof ProblemException pe
            && "sold-out".equals(pe.problem().slug())) {
          refused.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
        next(core, lane, n + 1, finished);
      });
    }

    double percentile(double p) {
      int n = (int) Math.min(sampled.get(), latencies.length);
      if (n == 0) {
        return 0;
      }
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      return sorted[Math.min(n - 1, (int) (n * p / 100))] / 1e6;
    }
  }
}

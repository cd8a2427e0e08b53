package io.holdfast.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.testkit.grid.CoreBench;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.infra.TestInfrastructure;
import io.holdfast.support.config.Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("The expiry worker")
class ExpiryWorkerVerticleTest {
  @RegisterExtension
  static final CoreBench bench = new CoreBench("expiry-test", 5900, GridConfig::member,
      new JsonObject());
  private static ExpiryFixtures fx;
  private static DeploymentOptions options;
  /** The worker running now; a test may replace it to act out a restart. */
  private static String workerId;

  @BeforeAll
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  static void start(Vertx vertx, VertxTestContext ctx) {
    fx = new ExpiryFixtures(vertx, bench.config(), bench.member());
    options = bench.options();
    bench.deploy(vertx, new ReservationVerticle(bench.member()), new ExpiryWorkerVerticle())
        .onSuccess(id -> workerId = id)
        .compose(id -> fx.start())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("expires a one-second hold within seconds and frees its seats")
  void expiresALapsedHold(VertxTestContext ctx) {
    fx.event(5, 1).compose(eventId -> fx.hold(eventId, 2).compose(hold -> {
      String holdId = hold.getString("holdId");
      return fx.eventually(() -> fx.storedStatus(holdId), "expired"::equals)
          .compose(stored -> fx.placed(holdId))
          // Its offset is released only once the hold is expired, and then promptly.
          .compose(placed -> fx.eventually(() -> fx.committed(placed.partition()),
              next -> next > placed.offset()))
          .compose(committed -> Future.all(fx.getHold(holdId), fx.availability(eventId)))
          .map(both -> new JsonObject().put("hold", both.resultAt(0))
              .put("available", both.resultAt(1)));
    })).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertThat(result.getJsonObject("hold").getString("status")).isEqualTo("expired");
      JsonObject available = result.getJsonObject("available");
      assertThat(available.getInteger("held")).isZero();
      assertThat(available.getInteger("available")).isEqualTo(5);
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("leaves a hold still waiting at shutdown to the next worker, which expires it")
  void restartRedeliversWaitingHolds(Vertx vertx, VertxTestContext ctx) {
    fx.event(5, 4).compose(eventId -> fx.hold(eventId, 1)).compose(hold -> {
      String holdId = hold.getString("holdId");
      return fx.placed(holdId)
          // The worker has read up to this hold (everything before it is committed)...
          .compose(placed -> fx.eventually(() -> fx.committed(placed.partition()),
                  next -> next >= placed.offset())
              // ...and stops before the hold is due.
              .compose(caughtUp -> vertx.undeploy(workerId))
              .compose(stopped -> fx.committed(placed.partition()))
              .compose(afterStop -> {
                ctx.verify(() -> assertThat(afterStop)
                    .as("committed offset after stopping with the hold still waiting")
                    .isLessThanOrEqualTo(placed.offset()));
                return fx.storedStatus(holdId);
              })
              .compose(beforeRestart -> {
                ctx.verify(() -> assertThat(beforeRestart).isEqualTo("active"));
                return vertx.deployVerticle(new ExpiryWorkerVerticle(), options);
              })
              .compose(id -> {
                workerId = id;
                return fx.eventually(() -> fx.storedStatus(holdId), "expired"::equals);
              }));
    }).onComplete(ctx.succeeding(stored -> ctx.verify(() -> {
      assertThat(stored).isEqualTo("expired");
      ctx.completeNow();
    })));
  }
}

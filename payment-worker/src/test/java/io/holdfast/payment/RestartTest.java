package io.holdfast.payment;

import io.holdfast.support.jobs.KillSwitch;
import static io.holdfast.payment.PaymentFixtures.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.db.Database;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.payment.PaymentFixtures.Sale;
import io.holdfast.ledger.outbox.OutboxRelayVerticle;
import io.holdfast.testkit.grid.CoreBench;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real restarts: a payment-worker or an outbox relay is killed at its worst moment (by an armed
 * {@link KillSwitch}), a fresh one takes over, and every payment still makes exactly one order.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("After a crash and a restart")
class RestartTest {
  private static final int CAPACITY = 120;
  private static final int PAYMENTS = 40;
  private static final int PER_HOLD = 2;

  @RegisterExtension
  static final CoreBench bench = new CoreBench("restart-test", 5910, GridConfig::member,
      // Room for every unsent row in one claim, so the killed relay published all of ours.
      new JsonObject().put(OutboxRelayVerticle.BATCH, 2_000));
  private static PaymentFixtures fx;
  private static DeploymentOptions options;

  @BeforeAll
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  static void start(Vertx vertx, VertxTestContext ctx) {
    fx = new PaymentFixtures(vertx, bench.config());
    options = bench.options();
    Database.migrate(vertx, bench.config())
        .compose(n -> bench.deploy(vertx, new ReservationVerticle(bench.member())))
        .compose(id -> fx.start())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a payment-worker killed between its database commit and its offset commit: the "
      + "redelivered batch settles nothing twice, one order per payment")
  void workerKilledBeforeOffsetCommit(Vertx vertx, VertxTestContext ctx) {
    KillSwitch kill = new KillSwitch();
    JsonObject seen = new JsonObject();
    fx.event(CAPACITY, 4, PER_HOLD, 300).compose(eventId -> sales(eventId).compose(sales ->
            vertx.deployVerticle(PaymentWorkerVerticle.killable(kill), options).compose(dead ->
                caughtUp(eventId).compose(mark -> {
                  seen.put("mark", mark.getOffset());
                  kill.arm();
                  return Future.all(sales.stream().map(sale -> fx.publish(SUCCEEDED, sale))
                      .toList());
                }).compose(sent -> {
                  List<RecordMetadata> records = sent.list();
                  seen.put("first", records.stream().mapToLong(RecordMetadata::getOffset).min()
                      .orElseThrow());
                  seen.put("last", records.stream().mapToLong(RecordMetadata::getOffset).max()
                      .orElseThrow());
                  return kill.fired().map(records.get(0));
                }).compose(record -> ordersOf(eventId).compose(settled -> {
                  seen.put("settledAtKill", settled);
                  return fx.committed(record);
                })).compose(committed -> {
                  seen.put("committedAtKill", committed);
                  return vertx.undeploy(dead).map(committed);
                }))
            .compose(v -> vertx.deployVerticle(new PaymentWorkerVerticle(), options))
            .compose(fresh -> fx.eventually(() -> ordersOf(eventId), n -> n == PAYMENTS)
                .compose(n -> fx.eventually(() -> fx.marker(eventId).compose(fx::committed),
                    next -> next > seen.getLong("last")))
                .compose(n -> report(eventId, sales))
                .compose(report -> vertx.undeploy(fresh).map(report)))))
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          // Killed after its first batch reached PostgreSQL and before any of that batch's
          // offsets were committed: the fresh worker was handed those records again.
          assertThat(seen.getLong("settledAtKill")).isPositive();
          assertThat(seen.getLong("committedAtKill")).isEqualTo(seen.getLong("mark") + 1)
              .isLessThanOrEqualTo(seen.getLong("first"));
          assertSound(report);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an outbox relay killed between publishing and marking sent: the fresh relay "
      + "publishes again and the worker settles each payment once")
  void relayKilledBeforeMarkingSent(Vertx vertx, VertxTestContext ctx) {
    KillSwitch kill = new KillSwitch().arm();
    JsonObject seen = new JsonObject();
    fx.event(CAPACITY, 4, PER_HOLD, 300).compose(eventId -> sales(eventId).compose(sales ->
        vertx.deployVerticle(new PaymentWorkerVerticle(), options).compose(worker ->
            caughtUp(eventId).compose(mark -> {
              seen.put("mark", mark.getOffset());
              return Future.all(sales.stream().map(sale -> fx.viaOutbox(SUCCEEDED, sale))
                  .toList()).map(mark);
            }).compose(mark -> vertx.deployVerticle(OutboxRelayVerticle.killable(kill), options)
                .compose(dead -> kill.fired()
                    // Published once: the worker settles all of it; the rows stay unsent.
                    .compose(fired -> fx.eventually(() -> ordersOf(eventId), n -> n == PAYMENTS))
                    .compose(n -> unsent(eventId))
                    .compose(unsent -> {
                      seen.put("unsentAtKill", unsent);
                      return vertx.undeploy(dead);
                    }))
                .compose(v -> vertx.deployVerticle(new OutboxRelayVerticle(), options))
                .compose(fresh -> fx.eventually(() -> unsent(eventId), n -> n == 0)
                    // Both publications reached the worker: the marker, then each payment twice.
                    .compose(n -> fx.eventually(() -> fx.committed(mark),
                        next -> next >= mark.getOffset() + 1 + 2L * PAYMENTS))
                    .compose(next -> report(eventId, sales))
                    .compose(report -> vertx.undeploy(fresh).map(report))))
            .compose(report -> vertx.undeploy(worker).map(report)))))
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertThat(seen.getLong("unsentAtKill")).isEqualTo(PAYMENTS);
          assertSound(report);
          ctx.completeNow();
        })));
  }

  /** {@link #PAYMENTS} buyers hold {@link #PER_HOLD} tickets each and start paying, at once. */
  private static Future<List<Sale>> sales(UUID eventId) {
    return fx.sales(eventId, PAYMENTS, PER_HOLD);
  }

  /**
   * Waits until the worker's group has committed past a fresh marker on the event's partition
   * (so it has caught up with whatever other tests left there); answers the marker.
   */
  private static Future<RecordMetadata> caughtUp(UUID eventId) {
    return fx.marker(eventId).compose(mark -> fx.eventually(() -> fx.committed(mark),
        next -> next > mark.getOffset()).map(mark));
  }

  private static Future<Long> ordersOf(UUID eventId) {
    return fx.count("select count(*) from orders where event_id = $1", eventId);
  }

  private static Future<Long> unsent(UUID eventId) {
    return fx.count("select count(*) from outbox where topic = 'payments' and key = $1 "
        + "and sent_at is null", eventId.toString());
  }

  /** Orders per payment, tickets, the money invariants and the core's counts of the event. */
  private static Future<JsonObject> report(UUID eventId, List<Sale> sales) {
    return Future.all(
            fx.count("select coalesce(max(n), 0) from (select count(*) as n from orders "
                + "where event_id = $1 group by payment_id) per", eventId),
            fx.count("select count(*) from orders where event_id = $1 and status = 'confirmed'",
                eventId),
            fx.count("select count(*) from tickets where event_id = $1 and status = 'valid'",
                eventId),
            fx.invariants(eventId),
            fx.availability(eventId))
        .map(all -> new JsonObject().put("payments", sales.size())
            .put("mostOrdersOfOnePayment", all.<Long>resultAt(0))
            .put("confirmed", all.<Long>resultAt(1)).put("tickets", all.<Long>resultAt(2))
            .put("invariants", all.<JsonObject>resultAt(3))
            .put("available", all.<JsonObject>resultAt(4)));
  }

  private static void assertSound(JsonObject report) {
    assertThat(report.getLong("mostOrdersOfOnePayment")).isEqualTo(1);
    assertThat(report.getLong("confirmed")).isEqualTo(PAYMENTS);
    assertThat(report.getLong("tickets")).isEqualTo((long) PAYMENTS * PER_HOLD);
    assertThat(report.getJsonObject("invariants")).isEqualTo(PaymentFixtures.sound());
    JsonObject counts = report.getJsonObject("available");
    assertThat(counts.getInteger("sold")).isEqualTo(PAYMENTS * PER_HOLD);
    assertThat(counts.getInteger("held")).isZero();
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(CAPACITY);
  }
}

package io.holdfast.payment;

import static io.holdfast.payment.PaymentFixtures.CANCELED;
import static io.holdfast.payment.PaymentFixtures.FAILED;
import static io.holdfast.payment.PaymentFixtures.REFUNDED;
import static io.holdfast.payment.PaymentFixtures.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.db.Database;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.payment.PaymentFixtures.Sale;
import io.holdfast.testkit.grid.CoreBench;
import io.holdfast.support.config.Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The records of one payment reach the worker in the order they were sent, often in one poll:
 * the worker settles them in that order (different payments in parallel), and a success is
 * final, so a stale failure or cancel sent after it changes nothing.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The payment worker, given outcomes of one payment in one batch")
class OutcomeOrderTest {
  @RegisterExtension
  static final CoreBench bench = new CoreBench("outcome-order-test", 5920, GridConfig::member,
      new JsonObject());
  private static PaymentFixtures fx;

  @BeforeAll
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  static void start(Vertx vertx, VertxTestContext ctx) {
    fx = new PaymentFixtures(vertx, bench.config());
    Database.migrate(vertx, bench.config())
        .compose(n -> bench.deploy(vertx, new ReservationVerticle(bench.member()),
            new PaymentWorkerVerticle()))
        .compose(id -> fx.start())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("settles a success with a decline before or after it, or a stale cancel after it, all sent in one batch, into one confirmed order and no refund")
  void staleFailureInTheSameBatch(VertxTestContext ctx) {
    int pairs = 8;
    fx.event(2 * 2 * pairs, 2, 2, 300).compose(eventId -> {
      return fx.sales(eventId, 2 * pairs, 2).compose(list -> {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          Sale sale = list.get(i);
          // Sent together, so they reach the worker in one poll. (A cancel before a success
          // cannot happen: Stripe does not take money for a canceled intent.)
          List<String> outcomes = switch (i % 4) {
            case 0 -> List.of(SUCCEEDED, FAILED);
            case 1 -> List.of(FAILED, SUCCEEDED);
            case 2 -> List.of(SUCCEEDED, CANCELED);
            default -> List.of(FAILED, SUCCEEDED, FAILED, CANCELED);
          };
          for (String outcome : outcomes) {
            sent.add(fx.publish(outcome, sale));
          }
        }
        return Future.all(sent).map(s -> list);
      }).compose(list -> fx.eventually(() -> fx.count("select count(*) from orders "
              + "where event_id = $1", eventId), n -> n == 2L * pairs)
          .compose(n -> fx.marker(eventId))
          .compose(marker -> fx.eventually(() -> fx.committed(marker),
              next -> next > marker.getOffset()))
          .compose(done -> Future.all(
              fx.count("select count(*) from orders where event_id = $1 "
                  + "and status = 'confirmed'", eventId),
              fx.count("select count(*) from payments where event_id = $1 "
                  + "and status = 'succeeded'", eventId),
              fx.availability(eventId), fx.invariants(eventId)))
          .map(all -> new JsonObject().put("confirmed", all.<Long>resultAt(0))
              .put("succeeded", all.<Long>resultAt(1))
              .put("available", all.<JsonObject>resultAt(2))
              .put("invariants", all.<JsonObject>resultAt(3))));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertThat(result.getLong("confirmed")).isEqualTo(2L * pairs);
      assertThat(result.getLong("succeeded")).isEqualTo(2L * pairs);
      JsonObject counts = result.getJsonObject("available");
      assertThat(counts.getInteger("sold")).isEqualTo(4 * pairs);
      assertThat(counts.getInteger("held")).isZero();
      assertThat(result.getJsonObject("invariants")).isEqualTo(PaymentFixtures.sound());
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("settles a success and Stripe's refund sent right after it in one batch in that order: the order is confirmed with its tickets, then refunded and its tickets void")
  void successThenRefundInOneBatch(VertxTestContext ctx) {
    int payments = 6;
    fx.event(2 * payments, 2, 2, 300).compose(eventId -> {
      return fx.sales(eventId, payments, 2)
          .compose(sales -> fx.publishEach(sales, SUCCEEDED, REFUNDED))
          .compose(sent -> fx.marker(eventId))
          .compose(marker -> fx.eventually(() -> fx.committed(marker),
              next -> next > marker.getOffset()))
          .compose(done -> Future.all(
              fx.count("select count(*) from orders where event_id = $1 "
                  + "and status = 'refunded'", eventId),
              fx.count("select count(*) from tickets where event_id = $1 "
                  + "and status = 'void'", eventId),
              fx.eventually(() -> fx.availability(eventId),
                  counts -> counts.getInteger("available") == 2 * payments),
              fx.invariants(eventId)))
          .map(all -> new JsonObject().put("refunded", all.<Long>resultAt(0))
              .put("voidTickets", all.<Long>resultAt(1))
              .put("available", all.<JsonObject>resultAt(2))
              .put("invariants", all.<JsonObject>resultAt(3)));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertThat(result.getLong("refunded")).isEqualTo(payments);
      assertThat(result.getLong("voidTickets")).as("tickets issued, then voided")
          .isEqualTo(2L * payments);
      assertThat(result.getJsonObject("available").getInteger("sold")).isZero();
      assertThat(result.getJsonObject("invariants")).isEqualTo(PaymentFixtures.sound());
      ctx.completeNow();
    })));
  }
}

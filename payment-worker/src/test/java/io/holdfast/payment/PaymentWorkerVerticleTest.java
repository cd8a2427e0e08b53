package io.holdfast.payment;

import static io.holdfast.payment.PaymentFixtures.CANCELED;
import static io.holdfast.payment.PaymentFixtures.FAILED;
import static io.holdfast.payment.PaymentFixtures.REFUNDED;
import static io.holdfast.payment.PaymentFixtures.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.core.Release;
import io.holdfast.support.db.Database;
import io.holdfast.ledger.outbox.OutboxRelayVerticle;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.payment.PaymentFixtures.Sale;
import io.holdfast.testkit.grid.CoreBench;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("The payment worker")
class PaymentWorkerVerticleTest {
  @RegisterExtension
  static final CoreBench bench = new CoreBench("payment-test", 5900, GridConfig::member,
      new JsonObject());
  private static PaymentFixtures fx;

  @BeforeAll
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  static void start(Vertx vertx, VertxTestContext ctx) {
    fx = new PaymentFixtures(vertx, bench.config());
    Database.migrate(vertx, bench.config())
        .compose(n -> bench.deploy(vertx, new ReservationVerticle(bench.member()),
            new PaymentWorkerVerticle(), new OutboxRelayVerticle()))
        .compose(id -> fx.start())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("settles a payment delivered three times, twice at once, into one order with its tickets")
  void duplicateDeliveriesMakeOneOrder(VertxTestContext ctx) {
    fx.event(10, 2, 4, 300).compose(eventId -> fx.sale(eventId, 3).compose(sale ->
            Future.all(fx.publish(SUCCEEDED, sale), fx.publish(SUCCEEDED, sale))
                .compose(both -> fx.eventually(() -> fx.settlement(sale.paymentId()),
                    s -> s.getInteger("orders") > 0))
                .compose(first -> fx.publish(SUCCEEDED, sale))
                .compose(third -> fx.eventually(() -> fx.committed(third),
                    next -> next > third.getOffset()))
                .compose(done -> fx.eventually(
                    () -> Future.succeededFuture(fx.ordersFor(sale.paymentId())),
                    published -> !published.isEmpty()))
                .compose(published -> fx.settlement(sale.paymentId()))
                .compose(settled -> fx.availability(eventId).map(available ->
                    new JsonObject().put("sale", sale.hold()).put("paymentId",
                            sale.paymentId().toString())
                        .put("settled", settled).put("available", available)))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject settled = result.getJsonObject("settled");
          String buyerId = result.getJsonObject("sale").getString("buyerId");
          assertThat(settled.getInteger("orders")).isEqualTo(1);
          assertThat(settled.getString("orderStatus")).isEqualTo("confirmed");
          assertThat(settled.getString("paymentStatus")).isEqualTo("succeeded");
          List<JsonObject> tickets = tickets(settled);
          assertThat(tickets).hasSize(3);
          assertThat(tickets).extracting(t -> t.getInteger("slot")).doesNotHaveDuplicates();
          assertThat(tickets).allSatisfy(t -> {
            assertThat(t.getString("status")).isEqualTo("valid");
            assertThat(t.getString("holderId")).isEqualTo(buyerId);
            assertThat(t.getString("seat")).isNull();
            // Signed once the order committed: an Ed25519 signature (64 bytes) after the payload.
            assertThat(t.getString("code")).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{86}");
          });
          assertThat(fx.ordersFor(UUID.fromString(result.getString("paymentId"))))
              .singleElement().satisfies(event -> {
                assertThat(event.getString("type")).isEqualTo("order.confirmed");
                assertThat(event.getString("orderId")).isEqualTo(settled.getString("orderId"));
              });
          assertThat(result.getJsonObject("available").getInteger("sold")).isEqualTo(3);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("refunds a payment whose seats were sold to someone else, and issues no tickets")
  void resoldSeatsAreRefunded(VertxTestContext ctx) {
    fx.event(2, 1, 2, 300).compose(eventId -> fx.user()
            .compose(first -> fx.hold(eventId, first, 2))
            .compose(hold -> fx.request(new Release(hold.getString("holdId"),
                hold.getString("buyerId")))
                .map(released -> hold))
            .compose(hold -> fx.user().compose(second -> fx.hold(eventId, second, 2)).map(hold))
            .compose(fx::paymentFor)
            .compose(sale -> settleAndReport(sale, SUCCEEDED)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject settled = result.getJsonObject("settled");
          assertThat(settled.getString("orderStatus")).isEqualTo("refunded");
          assertThat(settled.getString("reason")).isEqualTo("seats-resold");
          assertThat(settled.getString("paymentStatus")).isEqualTo("refunded");
          assertThat(tickets(settled)).isEmpty();
          JsonArray published = result.getJsonArray("published");
          assertThat(published.size()).isEqualTo(1);
          assertThat(published.getJsonObject(0).getString("type")).isEqualTo("order.refunded");
          assertThat(published.getJsonObject(0).getString("reason")).isEqualTo("seats-resold");
          assertThat(published.getJsonObject(0).getString("orderId"))
              .isEqualTo(settled.getString("orderId"));
          assertThat(result.getJsonObject("available").getInteger("sold")).isZero();
          assertThat(result.getJsonObject("available").getInteger("held")).isEqualTo(2);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("refunds instead of selling a slot that PostgreSQL already has a live ticket for")
  void doubleSaleIsPrevented(VertxTestContext ctx) {
    fx.event(3, 1, 3, 300).compose(eventId -> fx.soldElsewhere(eventId, 0, 1, 2)
            .compose(sold -> fx.sale(eventId, 2))
            .compose(sale -> settleAndReport(sale, SUCCEEDED)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject settled = result.getJsonObject("settled");
          assertThat(settled.getInteger("orders")).isEqualTo(1);
          assertThat(settled.getString("orderStatus")).isEqualTo("refunded");
          assertThat(settled.getString("reason")).isEqualTo(Settlement.DOUBLE_SALE_PREVENTED);
          assertThat(settled.getString("paymentStatus")).isEqualTo("refunded");
          assertThat(tickets(settled)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("keeps the hold of a failed payment, whose intent may still succeed; its cancel gives the seats back")
  void failedPaymentKeepsTheHoldUntilCanceled(VertxTestContext ctx) {
    JsonObject seen = new JsonObject();
    fx.event(4, 1, 4, 300).compose(eventId -> fx.sale(eventId, 2).compose(sale ->
            fx.publish(FAILED, sale)
                .compose(sent -> fx.eventually(() -> fx.settlement(sale.paymentId()),
                    settled -> "failed".equals(settled.getString("paymentStatus"))))
                // A record after it on the same partition: once that is committed, the
                // failure was handled in full.
                .compose(failed -> fx.marker(eventId))
                .compose(marker -> fx.eventually(() -> fx.committed(marker),
                    next -> next > marker.getOffset()))
                .compose(done -> Future.all(fx.availability(eventId), fx.request(
                    GetHold.any(sale.holdId()))))
                .compose(afterFailure -> {
                  seen.put("afterFailure", afterFailure.<JsonObject>resultAt(0))
                      .put("holdAfterFailure", afterFailure.<JsonObject>resultAt(1));
                  return fx.publish(CANCELED, sale);
                })
                .compose(sent -> fx.eventually(() -> fx.availability(eventId),
                    after -> after.getInteger("held") == 0))
                .compose(after -> fx.eventually(() -> fx.settlement(sale.paymentId()),
                        settled -> "canceled".equals(settled.getString("paymentStatus")))
                    .compose(settled -> fx.request(GetHold.any(sale.holdId()))
                        .map(hold -> seen.put("available", after)
                            .put("settled", settled).put("hold", hold))))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getJsonObject("afterFailure").getInteger("held")).isEqualTo(2);
          assertThat(result.getJsonObject("holdAfterFailure").getString("status"))
              .isEqualTo("active");
          JsonObject available = result.getJsonObject("available");
          assertThat(available.getInteger("available")).isEqualTo(4);
          assertThat(available.getInteger("sold")).isZero();
          assertThat(result.getJsonObject("settled").getInteger("orders")).isZero();
          assertThat(result.getJsonObject("hold").getString("status")).isEqualTo("released");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("refunds a confirmed order once, however often the refund is requested, and voids its tickets")
  void refundRequestedTwiceRefundsOnce(VertxTestContext ctx) {
    fx.event(6, 1, 4, 300).compose(eventId -> fx.sale(eventId, 2)).compose(sale ->
            settleAndReport(sale, SUCCEEDED).compose(confirmed -> {
              UUID orderId = UUID.fromString(confirmed.getJsonObject("settled")
                  .getString("orderId"));
              return Future.all(fx.requestRefund(orderId, sale), fx.requestRefund(orderId, sale))
                  .compose(sent -> fx.eventually(() -> fx.settlement(sale.paymentId()),
                      settled -> "refunded".equals(settled.getString("orderStatus"))))
                  .compose(settled -> fx.requestRefund(orderId, sale)
                      .compose(third -> fx.eventually(() -> fx.committed(third),
                          next -> next > third.getOffset()))
                      .compose(done -> fx.eventually(() -> Future.succeededFuture(
                          fx.ordersFor(sale.paymentId())), published -> published.size() > 1))
                      .compose(published -> fx.settlement(sale.paymentId())))
                  .map(settled -> new JsonObject().put("settled", settled).put("published",
                      new JsonArray(fx.ordersFor(sale.paymentId()))));
            }))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject settled = result.getJsonObject("settled");
          assertThat(settled.getInteger("orders")).isEqualTo(1);
          assertThat(settled.getString("orderStatus")).isEqualTo("refunded");
          assertThat(settled.getString("reason")).isEqualTo(Settlement.EVENT_CANCELLED);
          assertThat(settled.getString("paymentStatus")).isEqualTo("refunded");
          assertThat(tickets(settled)).hasSize(2)
              .allSatisfy(t -> assertThat(t.getString("status")).isEqualTo("void"));
          assertThat(result.getJsonArray("published").stream()
              .map(e -> ((JsonObject) e).getString("type")))
              .containsExactly("order.confirmed", "order.refunded");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("puts a refunded order's seats back on sale once: a repeat after someone else bought them changes nothing")
  void refundReturnsTheSeatsOnce(VertxTestContext ctx) {
    JsonObject seen = new JsonObject();
    fx.event(2, 1, 2, 300).compose(eventId -> fx.sale(eventId, 2).compose(first ->
            settleAndReport(first, SUCCEEDED).compose(confirmed -> {
              seen.put("soldOut", confirmed.getJsonObject("available"));
              UUID orderId = UUID.fromString(confirmed.getJsonObject("settled")
                  .getString("orderId"));
              return Future.all(fx.requestRefund(orderId, first),
                      fx.requestRefund(orderId, first))
                  .compose(sent -> fx.eventually(() -> fx.availability(eventId),
                      counts -> counts.getInteger("available") == 2))
                  .compose(returned -> {
                    seen.put("returned", returned);
                    // Someone else takes and buys the very slots the refund gave back.
                    return fx.sale(eventId, 2);
                  })
                  .compose(second -> settleAndReport(second, SUCCEEDED).compose(bought ->
                      fx.requestRefund(orderId, first)
                          .compose(third -> fx.eventually(() -> fx.committed(third),
                              next -> next > third.getOffset()))
                          .compose(done -> Future.all(fx.availability(eventId),
                              fx.settlement(second.paymentId()), fx.invariants(eventId)))
                          .map(all -> new JsonObject().put("available", all.resultAt(0))
                              .put("second", all.resultAt(1))
                              .put("invariants", all.resultAt(2)))));
            })))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(seen.getJsonObject("soldOut").getInteger("available")).isZero();
          assertThat(seen.getJsonObject("returned").getInteger("sold")).isZero();
          assertThat(seen.getJsonObject("returned").getInteger("held")).isZero();
          JsonObject counts = result.getJsonObject("available");
          assertThat(counts.getInteger("sold")).isEqualTo(2);
          assertThat(counts.getInteger("available")).isZero();
          assertThat(counts.getInteger("held")).isZero();
          JsonObject second = result.getJsonObject("second");
          assertThat(second.getString("orderStatus")).isEqualTo("confirmed");
          assertThat(tickets(second)).hasSize(2)
              .allSatisfy(t -> assertThat(t.getString("status")).isEqualTo("valid"));
          assertThat(result.getJsonObject("invariants")).isEqualTo(PaymentFixtures.sound());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("settles a Stripe refund that races the first success of its payment, 25 times at once, into one refunded order each, and loses no seat")
  void refundRacingSuccessLosesNoSeat(VertxTestContext ctx) {
    int payments = 25;
    fx.event(2 * payments, 4, 2, 300).compose(eventId -> {
      // Both outcomes of each payment leave together, so the worker settles them in parallel.
      return fx.sales(eventId, payments, 2)
          .compose(sales -> fx.publishEach(sales, SUCCEEDED, REFUNDED)).compose(sent -> {
        RecordMetadata last = sent.stream()
            .max(Comparator.comparingLong(RecordMetadata::getOffset)).orElseThrow();
        return fx.eventually(() -> fx.committed(last), next -> next > last.getOffset());
      }).compose(done -> fx.eventually(() -> fx.availability(eventId),
              counts -> counts.getInteger("sold") == 0 && counts.getInteger("held") == 0)
          .compose(counts -> Future.all(
              fx.count("select count(*) from orders where event_id = $1 and status = "
                  + "'refunded'", eventId),
              fx.count("select coalesce(max(n), 0) from (select count(*) as n from orders "
                  + "where event_id = $1 group by payment_id) per", eventId),
              fx.count("select count(*) from payments where event_id = $1 and status = "
                  + "'refunded'", eventId),
              fx.invariants(eventId))
              .map(all -> new JsonObject().put("available", counts)
                  .put("refundedOrders", all.<Long>resultAt(0))
                  .put("mostOrders", all.<Long>resultAt(1))
                  .put("refundedPayments", all.<Long>resultAt(2))
                  .put("invariants", all.<JsonObject>resultAt(3)))));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertThat(result.getLong("refundedOrders")).isEqualTo(payments);
      assertThat(result.getLong("mostOrders")).isEqualTo(1);
      assertThat(result.getLong("refundedPayments")).isEqualTo(payments);
      assertThat(result.getJsonObject("invariants")).isEqualTo(PaymentFixtures.sound());
      JsonObject counts = result.getJsonObject("available");
      assertThat(counts.getInteger("available")).isEqualTo(2 * payments);
      ctx.completeNow();
    })));
  }

  /** Publishes the outcome, waits for the order and its announcement; answers what they are. */
  private static Future<JsonObject> settleAndReport(Sale sale, String type) {
    return fx.publish(type, sale)
        .compose(sent -> fx.eventually(() -> fx.settlement(sale.paymentId()),
            settled -> settled.getInteger("orders") > 0))
        .compose(settled -> fx.eventually(
                () -> Future.succeededFuture(fx.ordersFor(sale.paymentId())),
                published -> !published.isEmpty())
            .compose(published -> fx.availability(sale.eventId()).map(available ->
                new JsonObject().put("settled", settled).put("published", new JsonArray(published))
                    .put("available", available))));
  }

  private static List<JsonObject> tickets(JsonObject settled) {
    JsonArray tickets = settled.getJsonArray("tickets", new JsonArray());
    return tickets.stream().map(JsonObject.class::cast).toList();
  }
}

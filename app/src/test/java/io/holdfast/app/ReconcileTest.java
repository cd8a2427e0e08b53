package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.payment.reconcile.Reconciler;
import io.holdfast.payment.reconcile.ReconcilerVerticle;
import io.holdfast.payment.reconcile.Reconciler.Action;
import io.holdfast.payment.reconcile.Reconciler.Fix;
import io.holdfast.payment.reconcile.Reconciler.Summary;
import io.holdfast.support.metrics.Meters;
import io.holdfast.support.payment.StripeGateway;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation: payments whose outcome never arrived are finished through the outbox, as a
 * webhook would finish them, once each however many reconcilers run. The platform's own
 * reconciler is off in tests; each test runs its own and makes its payments look stuck by
 * moving their last touch back past the grace period (other tests' payments stay younger).
 */
@DisplayName("Reconciling payments")
class ReconcileTest extends StripeTestBase {
  private Vertx vertx;

  @BeforeEach
  void keep(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  @DisplayName("a Stripe payment whose success webhook never came is confirmed into one order; reconciling again, twice at once, changes nothing")
  void missedWebhook() {
    int capacity = 10;
    String eventId = org.onSale(organizer, Organizing.body("Missed webhook", capacity));
    String buyer = api.buyers(1).get(0);
    JsonObject payment = pay(buyer, eventId, 2);
    String paymentId = payment.getString("paymentId");
    String intentId = payment.getString("intentId");
    stripe.setStatus(intentId, "succeeded");
    long confirmedBefore = metric("holdfast_reconcile_fixed_total", "action", "confirmed");

    age(paymentId);
    Summary first = Api.await(reconciler(100).run());
    assertThat(fixesOf(List.of(first), List.of(paymentId))).singleElement().satisfies(f -> {
      assertThat(f.action()).isEqualTo(Action.CONFIRMED);
      assertThat(f.intentId()).isEqualTo(intentId);
      assertThat(f.stripeStatus()).isEqualTo("succeeded");
    });
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> settled(paymentId))).isTrue();
    assertThat(api.count("select count(*) from tickets t join orders o on o.id = t.order_id "
        + "where o.payment_id = $1::uuid and o.status = 'confirmed' and t.status = 'valid'",
        paymentId)).isEqualTo(2);

    age(paymentId);
    List<Summary> again = Api.await(Future.all(reconciler(100).run(), reconciler(100).run()))
        .list();
    List<Summary> later = new ArrayList<>(again);
    later.add(Api.await(reconciler(100).run()));
    assertThat(fixesOf(later, List.of(paymentId))).isEmpty();
    assertThat(api.count("select count(*) from orders where payment_id = $1::uuid", paymentId))
        .isEqualTo(1);
    assertThat(api.count("select count(*) from outbox where payload::jsonb ->> 'paymentId' = $1 "
        + "and payload::jsonb ->> 'type' = 'payment.succeeded'", paymentId)).isEqualTo(1);
    assertThat(stripe.refundsOf(intentId)).isEmpty();
    assertThat(api.availability(eventId).getInteger("sold")).isEqualTo(2);
    assertThat(metric("holdfast_reconcile_fixed_total", "action", "confirmed") - confirmedBefore)
        .isEqualTo(1);
    assertMoneySound(eventId, capacity);
  }

  @Test
  @DisplayName("an intent left unpaid (or declined) past its hold is canceled at Stripe once and its hold released; a simulated one, paid or declined, is released too; one still within its hold is left alone")
  void unpaidPastItsHold() {
    int capacity = 4;
    String eventId = org.onSale(organizer, Organizing.body("Unpaid", capacity)
        .put("holdSeconds", 1));
    String payingEvent = org.onSale(organizer, Organizing.body("Still paying", capacity));
    List<String> buyers = api.buyers(4);
    JsonObject unpaid = pay(buyers.get(0), eventId, 2);
    String simulated = simulatedCheckout(buyers.get(1), hold(buyers.get(1), eventId, 1)
        .getString("holdId"));
    JsonObject paying = pay(buyers.get(2), payingEvent, 2);
    // A declined simulated payment keeps its hold, as a declined card does.
    String declined = simulatedCheckout(buyers.get(3), hold(buyers.get(3), eventId, 1)
        .getString("holdId"));
    assertThat(api.call(HttpMethod.POST, "/v1/payments/" + declined + "/simulate",
        buyers.get(3), new JsonObject().put("outcome", "failed")).statusCode()).isEqualTo(202);
    assertThat(paymentBecomes(declined, "failed")).isTrue();
    String unpaidId = unpaid.getString("paymentId");
    List<String> mine = List.of(unpaidId, simulated, declined, paying.getString("paymentId"));
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> api.count("select count(*) from "
        + "payments where event_id = $1::uuid and hold_expires_at < now()", eventId) == 3))
        .isTrue();

    mine.forEach(this::age);
    List<Summary> runs = Api.await(Future.all(reconciler(100).run(), reconciler(100).run()))
        .list();
    Map<String, Fix> fixes = fixesOf(runs, mine).stream()
        .collect(Collectors.toMap(f -> f.paymentId().toString(), Function.identity()));
    assertThat(fixes).containsOnlyKeys(unpaidId, simulated, declined);
    assertThat(fixes.get(unpaidId).action()).isEqualTo(Action.RELEASED);
    assertThat(fixes.get(unpaidId).stripeStatus()).isEqualTo("requires_payment_method");
    assertThat(fixes.get(simulated).action()).isEqualTo(Action.RELEASED);
    assertThat(fixes.get(declined).action()).isEqualTo(Action.RELEASED);

    assertThat(stripe.cancelsOf(unpaid.getString("intentId"))).isEqualTo(1);
    assertThat(stripe.intent(unpaid.getString("intentId")).getString("status"))
        .isEqualTo("canceled");
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "payments where id in ($1::uuid, $2::uuid, $3::uuid) and status = 'canceled'",
        unpaidId, simulated, declined) == 3)).isTrue();
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("held")).isZero();
    assertThat(counts.getInteger("available")).isEqualTo(capacity);

    // Within its hold, an unpaid intent is the buyer's to pay: untouched, not canceled.
    assertThat(stripe.cancelsOf(paying.getString("intentId"))).isZero();
    assertThat(api.count("select count(*) from payments where id = $1::uuid "
        + "and status = 'requires_payment'", paying.getString("paymentId"))).isEqualTo(1);
    assertThat(api.availability(payingEvent).getInteger("held")).isEqualTo(2);

    // Settled payments are not looked at again.
    mine.forEach(this::age);
    assertThat(fixesOf(List.of(Api.await(reconciler(100).run())), mine)).isEmpty();
    assertThat(stripe.cancelsOf(unpaid.getString("intentId"))).isEqualTo(1);
    assertMoneySound(eventId, capacity);
    assertMoneySound(payingEvent, capacity);
  }

  @Test
  @DisplayName("two reconcilers running at once over the same stuck payments handle each payment once: one order per success, one cancel per lapsed intent")
  void concurrentReconcilers() {
    int capacity = 20;
    String eventId = org.onSale(organizer, Organizing.body("Two reconcilers", capacity));
    List<String> buyers = api.buyers(6);
    List<String> mine = new ArrayList<>();
    List<String> succeeded = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonObject p = pay(buyers.get(i), eventId, 2);
      stripe.setStatus(p.getString("intentId"), "succeeded");
      mine.add(p.getString("paymentId"));
      succeeded.add(p.getString("paymentId"));
    }
    // Never paid, and our clock says its hold is over.
    JsonObject lapsed = pay(buyers.get(4), eventId, 2);
    Api.await(api.sql.preparedQuery("update payments set hold_expires_at = now() - "
        + "interval '1 minute' where id = $1::uuid").execute(
            io.vertx.sqlclient.Tuple.of(lapsed.getString("paymentId"))));
    mine.add(lapsed.getString("paymentId"));
    // Succeeded here, but its outcome was lost before it became an order (as before V6).
    String legacy = simulatedCheckout(buyers.get(5), hold(buyers.get(5), eventId, 2)
        .getString("holdId"));
    Api.await(api.sql.preparedQuery("update payments set status = 'succeeded' "
        + "where id = $1::uuid").execute(io.vertx.sqlclient.Tuple.of(legacy)));
    mine.add(legacy);
    succeeded.add(legacy);

    mine.forEach(this::age);
    Reconciler one = reconciler(2);
    Reconciler two = reconciler(2);
    List<Summary> runs = Api.await(Future.all(loop(one, new ArrayList<>(), 8),
        loop(two, new ArrayList<>(), 8))).<List<Summary>>list().stream()
        .flatMap(List::stream).toList();
    List<Fix> fixes = fixesOf(runs, mine);
    assertThat(fixes).extracting(f -> f.paymentId().toString())
        .containsExactlyInAnyOrderElementsOf(mine);
    assertThat(fixes).filteredOn(f -> f.action() == Action.CONFIRMED).hasSize(4);
    assertThat(fixes).filteredOn(f -> f.action() == Action.REEMITTED)
        .singleElement().satisfies(f -> assertThat(f.paymentId()).hasToString(legacy));
    assertThat(fixes).filteredOn(f -> f.action() == Action.RELEASED)
        .singleElement().satisfies(f -> assertThat(f.paymentId())
            .hasToString(lapsed.getString("paymentId")));

    assertThat(Api.eventually(Duration.ofSeconds(30),
        () -> succeeded.stream().allMatch(this::settled))).isTrue();
    for (String paymentId : succeeded) {
      assertThat(api.count("select count(*) from orders where payment_id = $1::uuid "
          + "and status = 'confirmed'", paymentId)).isEqualTo(1);
    }
    assertThat(stripe.cancelsOf(lapsed.getString("intentId"))).isEqualTo(1);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "payments where id = $1::uuid and status = 'canceled'",
        lapsed.getString("paymentId")) == 1)).isTrue();
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(2 * succeeded.size());
    assertThat(counts.getInteger("held")).isZero();
    assertMoneySound(eventId, capacity);
  }

  @Test
  @DisplayName("GET /metrics shows the reconciliation counts in Prometheus' text format, to anyone")
  void metrics() {
    long runs = metric("holdfast_reconcile_runs_total");
    Reconciler reconciler = reconciler(100);
    try {
      Api.await(reconciler.run());
    } finally {
      reconciler.close();
    }
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/metrics", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
    String body = r.bodyAsString();
    assertThat(body).contains("# HELP holdfast_reconcile_runs_total ",
        "# TYPE holdfast_reconcile_runs_total counter\n",
        "# TYPE holdfast_reconcile_fixed_total counter\n",
        "holdfast_reconcile_fixed_total{action=\"confirmed\",role=\"all\"} ",
        "holdfast_reconcile_fixed_total{action=\"canceled\",role=\"all\"} ",
        "holdfast_reconcile_fixed_total{action=\"released\",role=\"all\"} ",
        "holdfast_reconcile_fixed_total{action=\"reemitted\",role=\"all\"} ",
        "# TYPE holdfast_stripe_webhooks_total counter\n",
        "# TYPE holdfast_outbox_published_total counter\n");
    assertThat(metric("holdfast_reconcile_runs_total")).isEqualTo(runs + 1);
  }

  @Test
  @DisplayName("the reconciler verticle runs soon after start and then on its interval, and undeploys cleanly")
  void onItsInterval() {
    long runs = metric("holdfast_reconcile_runs_total");
    // On the platform's Vert.x instance, whose meters /metrics shows.
    Vertx platform = api.platform.vertx();
    String id = Api.await(platform.deployVerticle(ReconcilerVerticle::new, new DeploymentOptions()
        .setConfig(api.platform.config().copy().put(ReconcilerVerticle.INTERVAL_MILLIS.key(), 300))));
    try {
      assertThat(Api.eventually(Duration.ofSeconds(10),
          () -> metric("holdfast_reconcile_runs_total") >= runs + 3)).isTrue();
    } finally {
      Api.await(platform.undeploy(id));
    }
    long stopped = metric("holdfast_reconcile_runs_total");
    sleep(900);
    assertThat(metric("holdfast_reconcile_runs_total")).isEqualTo(stopped);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code reconciler} until a run finds nothing, at most {@code max} times. */
  private Future<List<Summary>> loop(Reconciler reconciler, List<Summary> done, int max) {
    return reconciler.run().compose(summary -> {
      done.add(summary);
      return summary.examined() == 0 || done.size() >= max ? Future.succeededFuture(done)
          : loop(reconciler, done, max);
    });
  }

  private Reconciler reconciler(int batch) {
    JsonObject config = api.platform.config().copy().put(Reconciler.BATCH.key(), batch);
    return new Reconciler(api.sql, StripeGateway.of(vertx, config), config,
        Meters.of(api.platform.vertx()));
  }

  /** The payment looks stuck: last touched long before the grace period. */
  private void age(String paymentId) {
    Api.await(api.sql.preparedQuery("update payments set updated_at = now() - "
        + "interval '10 minutes' where id = $1::uuid")
        .execute(io.vertx.sqlclient.Tuple.of(paymentId)));
  }

  private static List<Fix> fixesOf(Collection<Summary> runs, Collection<String> paymentIds) {
    return runs.stream().flatMap(s -> s.fixes().stream())
        .filter(f -> paymentIds.contains(f.paymentId().toString())).toList();
  }

  /** Checkout on the platform's own edge, whose provider is simulated: the payment's ID. */
  private String simulatedCheckout(String buyer, String holdId) {
    HttpResponse<Buffer> r = Api.await(api.request(HttpMethod.POST,
        "/v1/holds/" + holdId + "/checkout", buyer).putHeader("Idempotency-Key", holdId).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("provider")).isEqualTo("simulated");
    return r.bodyAsJsonObject().getString("paymentId");
  }

  /** A series' value on {@code /metrics} ({@code labels}: key, value, ...), 0 if absent. */
  private long metric(String name, String... labels) {
    return (long) Scrape.of(api.call(HttpMethod.GET, "/metrics", null, null).bodyAsString())
        .value(name, labels);
  }
}

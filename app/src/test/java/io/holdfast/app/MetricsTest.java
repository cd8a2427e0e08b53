package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.ledger.ticket.SoldCounts;
import io.holdfast.payment.reconcile.InventoryAudit;
import io.holdfast.payment.reconcile.Reconciler;
import io.holdfast.support.config.Settings;
import io.holdfast.support.metrics.Meters;
import io.holdfast.support.payment.StripeGateway;
import io.holdfast.testkit.MetricsCatalogue;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of a running platform after a hold, a sold-out and a payment: every
 * series of docs/metrics.md that the dashboard and the alerts use is there, with its labels,
 * and the hot path's counts moved by what was done.
 */
@DisplayName("The metrics of a running platform")
class MetricsTest extends ApiTestBase {
  private static final Set<String> HOLD_BUCKETS = Set.of("5.0E-4", "0.001", "0.0025", "0.005",
      "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "+Inf");

  @Test
  @DisplayName("after a hold, a sold-out and a payment, show each contract series with its labels and the counts they moved")
  void contractSeries() {
    Scrape before = scrape();
    String eventId = api.onSaleEvent(api.organizer(), 2, 600, 10);
    List<String> buyers = api.buyers(2);

    HttpResponse<Buffer> hold = Api.await(api.hold(buyers.get(0), eventId,
        new JsonObject().put("section", "GA").put("quantity", 2), "metrics-" + UUID.randomUUID()));
    assertThat(hold.statusCode()).as(hold.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> soldOut = Api.await(api.hold(buyers.get(1), eventId,
        new JsonObject().put("section", "GA").put("quantity", 1), "metrics-" + UUID.randomUUID()));
    assertThat(soldOut.statusCode()).isEqualTo(409);
    String holdId = hold.bodyAsJsonObject().getString("holdId");
    HttpResponse<Buffer> checkout = Api.await(api.request(HttpMethod.POST,
        "/v1/holds/" + holdId + "/checkout", buyers.get(0))
        .putHeader("Idempotency-Key", "metrics-checkout-" + holdId).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
    String paymentId = checkout.bodyAsJsonObject().getString("paymentId");
    assertThat(api.call(HttpMethod.POST, "/v1/payments/" + paymentId + "/simulate", buyers.get(0),
        new JsonObject().put("outcome", "succeeded")).statusCode()).isEqualTo(202);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> scrape().value(
        "holdfast_payments_total", "status", "succeeded")
        > before.value("holdfast_payments_total", "status", "succeeded"))).isTrue();

    Scrape after = scrape();
    assertThat(delta(before, after, "holdfast_holds_total", "outcome", "granted")).isEqualTo(1);
    assertThat(delta(before, after, "holdfast_holds_total", "outcome", "sold_out")).isEqualTo(1);
    for (String outcome : List.of("refused", "unavailable", "error")) {
      assertThat(after.find("holdfast_holds_total", "outcome", outcome)).hasSize(1);
    }
    assertThat(delta(before, after, "holdfast_hold_seconds_count")).isEqualTo(2);
    assertThat(delta(before, after, "holdfast_hold_seconds_bucket", "le", "+Inf")).isEqualTo(2);
    assertThat(delta(before, after, "holdfast_hold_seconds_sum")).isPositive();
    assertThat(after.find("holdfast_hold_seconds_bucket").stream()
        .map(s -> s.labels().get("le")).collect(Collectors.toSet())).isEqualTo(HOLD_BUCKETS);
    assertThat(delta(before, after, "holdfast_checkouts_total", "status", "pending"))
        .isEqualTo(1);
    assertThat(delta(before, after, "holdfast_payments_total", "status", "succeeded"))
        .isEqualTo(1);
    for (String status : List.of("failed", "canceled", "refunded")) {
      assertThat(after.find("holdfast_payments_total", "status", status)).hasSize(1);
    }
    for (String limit : List.of("user", "partner", "address", "sign_in", "register",
        "active_holds")) {
      assertThat(after.find("holdfast_rate_limit_refusals_total", "limit", limit)).hasSize(1);
    }
    for (String action : List.of("confirmed", "canceled", "released", "reemitted")) {
      assertThat(after.find("holdfast_reconcile_fixed_total", "action", action)).hasSize(1);
    }
    assertThat(after.value("holdfast_grid_data_members")).isEqualTo(1);
    assertThat(after.find("holdfast_grid_partitions_lost_total")).hasSize(1);
    assertThat(after.find("holdfast_grid_migrations_total", "result", "completed")).hasSize(1);
    assertThat(after.find("holdfast_outbox_backlog")).hasSize(1);
    assertThat(after.find("holdfast_outbox_oldest_seconds")).hasSize(1);
    assertThat(after.find("holdfast_event_loop_delay_seconds")).hasSize(1);
    assertThat(after.value("holdfast_event_loop_delay_seconds")).isBetween(0.0, 5.0);
    assertThat(after.find("holdfast_seat_map_viewers")).hasSize(1);
    String prefix = Settings.string(api.platform.config(), Settings.CONSUMER_GROUP_PREFIX, "");
    assertThat(after.find("holdfast_kafka_consumer_lag", "group", prefix + "payment-worker",
        "topic", "payments")).hasSize(1);
    assertThat(after.find("holdfast_kafka_consumer_lag", "group", prefix + "expiry-worker",
        "topic", "holds")).hasSize(1);
    assertThat(after.find("holdfast_kafka_consumer_lag", "group", prefix + "notify",
        "topic", "orders")).hasSize(1);
    assertThat(after.find("jvm_memory_used_bytes", "area", "heap")).isNotEmpty();
    assertThat(after.series().stream().map(Scrape.Series::name))
        .anyMatch(name -> name.startsWith("jvm_gc_"));
    assertThat(after.series()).allSatisfy(s -> assertThat(s.labels()).containsEntry("role",
        "all"));
  }

  @Test
  @DisplayName("serve exactly the holdfast_ metrics docs/metrics.md documents, each with the type it gives, and every other metric it types")
  void servesWhatIsDocumented() {
    Map<String, MetricsCatalogue.Type> documented = MetricsCatalogue.documented();
    Map<String, String> served = scrape().types();
    Set<String> undocumented = new TreeSet<>();
    served.forEach((name, type) -> {
      boolean maxOfTimer = name.endsWith("_max") && Set.of(MetricsCatalogue.Type.HISTOGRAM,
          MetricsCatalogue.Type.TIMER).contains(documented.get(
              name.substring(0, name.length() - "_max".length())));
      if (name.startsWith("holdfast_") && !documented.containsKey(name) && !maxOfTimer) {
        undocumented.add(name);
      }
    });
    assertThat(undocumented).as("served, not in docs/metrics.md").isEmpty();
    documented.forEach((name, type) -> {
      assertThat(served).as("documented, not served").containsKey(name);
      Set<String> prometheusTypes = switch (type) {
        case COUNTER -> Set.of("counter");
        case GAUGE -> Set.of("gauge");
        case HISTOGRAM -> Set.of("histogram");
        case TIMER -> Set.of("summary", "histogram");
      };
      assertThat(served.get(name)).as(name + ", documented as " + type).isIn(prometheusTypes);
      if (type == MetricsCatalogue.Type.HISTOGRAM || type == MetricsCatalogue.Type.TIMER) {
        assertThat(served).as(name + "'s maximum").containsEntry(name + "_max", "gauge");
      }
    });
    assertThat(documented).containsKeys("holdfast_holds_total", "jvm_gc_pause_seconds");
  }

  @Test
  @DisplayName("count a live seat-map stream while it is open")
  void seatMapViewers(Vertx vertx) {
    String eventId = api.onSaleEvent(api.organizer(), 5, 600, 5);
    double before = scrape().value("holdfast_seat_map_viewers");
    JsonObject c = api.platform.config();
    HttpClient client = vertx.createHttpClient();
    try {
      HttpClientResponse stream = Api.await(client.request(new RequestOptions()
              .setHost(Settings.HTTP_HOST.string(c)).setPort(Settings.HTTP_PORT.integer(c))
              .setMethod(HttpMethod.GET).setURI("/v1/events/" + eventId + "/stream"))
          .compose(req -> req.send()));
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(Api.eventually(Duration.ofSeconds(10),
          () -> scrape().value("holdfast_seat_map_viewers") >= before + 1)).isTrue();
    } finally {
      Api.await(client.close());
    }
    assertThat(Api.eventually(Duration.ofSeconds(10),
        () -> scrape().value("holdfast_seat_map_viewers") <= before)).isTrue();
  }

  @Test
  @DisplayName("show the reconciler's count of paid payments without an order, and the inventory audit's of events that do not add up")
  void checks() {
    String eventId = api.onSaleEvent(api.organizer(), 3, 600, 3);
    Meters meters = Meters.of(api.platform.vertx());
    JsonObject config = api.platform.config();
    Reconciler reconciler = new Reconciler(api.sql, StripeGateway.of(api.platform.vertx(),
        config), config, meters);
    InventoryAudit audit = new InventoryAudit(api.platform.vertx(), new SoldCounts(api.sql));
    try {
      Api.await(reconciler.run());
      List<String> found = Api.await(audit.run());
      assertThat(found).noneMatch(why -> why.startsWith(eventId));
      Scrape scrape = scrape();
      assertThat(scrape.find("holdfast_payments_without_order")).hasSize(1);
      assertThat(scrape.value("holdfast_payments_without_order")).isGreaterThanOrEqualTo(0);
      assertThat(scrape.value("holdfast_inventory_invariant_violations"))
          .isEqualTo(found.size());
    } finally {
      reconciler.close();
      audit.close();
    }
  }

  private Scrape scrape() {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/metrics", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo(Meters.CONTENT_TYPE);
    return Scrape.of(r.bodyAsString());
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }
}

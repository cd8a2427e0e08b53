package io.holdfast.payment;

import io.holdfast.contracts.core.CoreRequest;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.Topics;
import io.holdfast.support.db.Database;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.ledger.outbox.Outbox;
import io.holdfast.testkit.Await;
import io.holdfast.testkit.Bus;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.kafka.GroupOffsets;
import io.holdfast.testkit.kafka.TopicReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the payment-worker tests need around the worker: rows seeded in PostgreSQL, events and
 * holds in the real core, payment outcomes on Kafka, and a reader of the orders topic.
 */
final class PaymentFixtures {
  static final String SECTION = "GA";
  /** The types of the payment outcomes the edge publishes. */
  static final String SUCCEEDED = "payment.succeeded";
  static final String FAILED = "payment.failed";
  static final String CANCELED = "payment.canceled";
  static final String REFUNDED = "payment.refunded";
  static final long PRICE_CENTS = 2_500;

  private final Vertx vertx;
  private final JsonObject config;
  private final Pool pool;
  private final KafkaProducer<String, String> producer;
  private final GroupOffsets offsets;
  /** Everything published on the orders topic since the reader joined (all tests' records). */
  final List<JsonObject> orders = new CopyOnWriteArrayList<>();

  PaymentFixtures(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.pool = Database.pool(vertx, config);
    Map<String, String> producerConfig = KafkaSettings.producer(config, "payment-test");
    // Records sent together leave in one batch, so the worker receives duplicates in one poll.
    producerConfig.put("linger.ms", "50");
    this.producer = KafkaProducer.create(vertx, producerConfig);
    this.offsets = new GroupOffsets(vertx, config);
  }

  Future<Void> start() {
    return TopicReader.read(vertx, config, "orders-reader", Topics.ORDERS,
        record -> orders.add(new JsonObject(record.value()))).mapEmpty();
  }

  Future<UUID> user() {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("insert into users (id, email, name, password_hash) "
            + "values ($1, $2, $3, 'not-a-hash')")
        .execute(Tuple.of(id, id + "@example.test", "Buyer " + id))
        .map(id);
  }

  /** An on-sale event of one general section, in PostgreSQL and loaded into the core. */
  Future<UUID> event(int capacity, int shards, int maxPerBuyer, int holdSeconds) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant salesStart = now.minus(1, ChronoUnit.HOURS);
    Instant salesEnd = now.plus(1, ChronoUnit.DAYS);
    JsonObject load = EventLoad.onSale(id.toString(), now).sales(salesStart, salesEnd)
        .maxPerBuyer(maxPerBuyer).holdSeconds(holdSeconds)
        .general(SECTION, PRICE_CENTS, capacity, shards).json();
    return user().compose(organizer -> pool.preparedQuery("insert into events (id, "
                + "organizer_id, name, starts_at, ends_at, sales_start_at, sales_end_at, currency, "
                + "max_per_buyer, hold_seconds, status) "
                + "values ($1, $2, 'Test night', $3, $4, $5, $6, 'EUR', $7, $8, 'on_sale')")
            .execute(Tuple.of(id, organizer, at(salesEnd), at(salesEnd.plus(3, ChronoUnit.HOURS)),
                at(salesStart), at(salesEnd), maxPerBuyer, holdSeconds)))
        // Its section too: PostgreSQL refuses a ticket for a slot its section does not have.
        .compose(inserted -> pool.preparedQuery("insert into sections (event_id, id, position, "
                + "name, kind, price_cents, capacity, shards) "
                + "values ($1, $2, 0, $2, 'general', $3, $4, $5)")
            .execute(Tuple.of(id, SECTION, PRICE_CENTS, capacity, shards)))
        .compose(inserted -> request(LoadEvent.fromJson(load)))
        .map(id);
  }

  Future<JsonObject> hold(UUID eventId, UUID buyerId, int quantity) {
    return new CoreClient(vertx, 10_000)
        .hold(new HoldRequest(eventId.toString(), buyerId.toString(), SECTION, quantity))
        .map(grant -> grant.toJson().put("buyerId", buyerId.toString()));
  }

  /** A hold and the payment started for it. */
  record Sale(JsonObject hold, UUID paymentId) {
    UUID eventId() {
      return UUID.fromString(hold.getString("eventId"));
    }

    String holdId() {
      return hold.getString("holdId");
    }

    String buyerId() {
      return hold.getString("buyerId");
    }
  }

  /** A new buyer holds {@code quantity} tickets and starts paying for them. */
  Future<Sale> sale(UUID eventId, int quantity) {
    return user().compose(buyer -> hold(eventId, buyer, quantity)).compose(this::paymentFor);
  }

  /** {@code count} new buyers hold {@code quantity} tickets each and start paying, at once. */
  Future<List<Sale>> sales(UUID eventId, int count, int quantity) {
    List<Future<Sale>> sales = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sales.add(sale(eventId, quantity));
    }
    return Future.all(sales).map(all -> all.<Sale>list());
  }

  /** Each sale's outcomes {@code types} in that order, all sent together (one poll sees them). */
  Future<List<RecordMetadata>> publishEach(List<Sale> sales, String... types) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Sale sale : sales) {
      for (String type : types) {
        sent.add(publish(type, sale));
      }
    }
    return Future.all(sent).map(all -> all.<RecordMetadata>list());
  }

  Future<Sale> paymentFor(JsonObject hold) {
    return payment(hold).map(paymentId -> new Sale(hold, paymentId));
  }

  Future<RecordMetadata> publish(String type, Sale sale) {
    return publish(type, sale.paymentId(), sale.hold());
  }

  Future<JsonObject> availability(UUID eventId) {
    return request(AvailabilityRequest.of(eventId.toString()));
  }

  /** A payment as the edge leaves it when the simulated provider is processing it. */
  Future<UUID> payment(JsonObject hold) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery("insert into payments (id, hold_id, user_id, event_id, provider, "
            + "status, amount_cents, currency, client_secret) "
            + "values ($1, $2, $3, $4, 'simulated', 'processing', $5, $6, $7)")
        .execute(Tuple.of(id, UUID.fromString(hold.getString("holdId")),
            UUID.fromString(hold.getString("buyerId")),
            UUID.fromString(hold.getString("eventId")), hold.getLong("amountCents"),
            hold.getString("currency"), "secret-" + id))
        .map(id);
  }

  /** The payment outcome as the edge publishes it. */
  Future<RecordMetadata> publish(String type, UUID paymentId, JsonObject hold) {
    JsonObject value = new JsonObject().put("type", type)
        .put("paymentId", paymentId.toString()).put("holdId", hold.getString("holdId"))
        .put("eventId", hold.getString("eventId")).put("userId", hold.getString("buyerId"))
        .put("amountCents", hold.getLong("amountCents")).put("currency", hold.getString("currency"));
    return producer.send(KafkaProducerRecord.create(Topics.PAYMENTS, hold.getString("eventId"),
        value.encode()));
  }

  /** The payment outcome written to the outbox, as the edge's webhook and simulate routes do. */
  Future<Void> viaOutbox(String type, Sale sale) {
    JsonObject value = new JsonObject().put("type", type)
        .put("paymentId", sale.paymentId().toString()).put("holdId", sale.holdId())
        .put("eventId", sale.eventId().toString());
    return Outbox.add(pool, Topics.PAYMENTS, sale.eventId().toString(), value, null);
  }

  /** A record the worker ignores, keyed by the event (so on its partition): a position mark. */
  Future<RecordMetadata> marker(UUID eventId) {
    JsonObject value = new JsonObject().put("type", "test.marker")
        .put("paymentId", UUID.randomUUID().toString());
    return producer.send(KafkaProducerRecord.create(Topics.PAYMENTS, eventId.toString(),
        value.encode()));
  }

  /** One number from PostgreSQL. */
  Future<Long> count(String sql, Object... args) {
    return pool.preparedQuery(sql).execute(Tuple.from(args))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * The money invariants of an event, each a count of what breaks it (all zero when sound):
   * {@code unsettled} succeeded payments without exactly one confirmed order, {@code unrefunded}
   * refunded payments without exactly one refunded order, {@code doubleSold} slots with more
   * than one live ticket, {@code orphanTickets} live tickets of orders that are not confirmed.
   */
  Future<JsonObject> invariants(UUID eventId) {
    return Future.all(
            count("select count(*) from payments p where p.event_id = $1 and p.status = "
                + "'succeeded' and (select count(*) from orders o where o.payment_id = p.id "
                + "and o.status = 'confirmed') <> 1", eventId),
            count("select count(*) from payments p where p.event_id = $1 and p.status = "
                + "'refunded' and (select count(*) from orders o where o.payment_id = p.id "
                + "and o.status = 'refunded') <> 1", eventId),
            count("select count(*) from (select section_id, slot from tickets where event_id = $1 "
                + "and status <> 'void' group by section_id, slot having count(*) > 1) d",
                eventId),
            count("select count(*) from tickets t join orders o on o.id = t.order_id "
                + "where t.event_id = $1 and t.status <> 'void' and o.status <> 'confirmed'",
                eventId))
        .map(all -> new JsonObject().put("unsettled", all.<Long>resultAt(0))
            .put("unrefunded", all.<Long>resultAt(1)).put("doubleSold", all.<Long>resultAt(2))
            .put("orphanTickets", all.<Long>resultAt(3)));
  }

  /** What {@link #invariants} answers for a sound event: nothing broken. */
  static JsonObject sound() {
    return new JsonObject().put("unsettled", 0L).put("unrefunded", 0L).put("doubleSold", 0L)
        .put("orphanTickets", 0L);
  }

  /** The refund of a confirmed order, as the edge requests it when the event is cancelled. */
  Future<RecordMetadata> requestRefund(UUID orderId, Sale sale) {
    JsonObject value = new JsonObject().put("type", "refund.requested")
        .put("orderId", orderId.toString()).put("paymentId", sale.paymentId().toString())
        .put("eventId", sale.hold().getString("eventId")).put("reason", "event-cancelled");
    return producer.send(KafkaProducerRecord.create(Topics.PAYMENTS,
        sale.hold().getString("eventId"), value.encode()));
  }

  /** Slots already sold in PostgreSQL to someone else, behind the grid's back. */
  Future<Void> soldElsewhere(UUID eventId, int... slots) {
    UUID payment = UUID.randomUUID();
    UUID order = UUID.randomUUID();
    UUID hold = UUID.randomUUID();
    return user().compose(buyer -> pool.withTransaction(conn -> conn.preparedQuery(
                "insert into payments (id, hold_id, user_id, event_id, provider, status, "
                    + "amount_cents, currency, client_secret) "
                    + "values ($1, $2, $3, $4, 'simulated', 'succeeded', 0, 'EUR', 'x')")
            .execute(Tuple.of(payment, hold, buyer, eventId))
            .compose(v -> conn.preparedQuery("insert into orders (id, payment_id, hold_id, "
                    + "user_id, event_id, status, amount_cents, currency) "
                    + "values ($1, $2, $3, $4, $5, 'confirmed', 0, 'EUR')")
                .execute(Tuple.of(order, payment, hold, buyer, eventId)))
            .compose(v -> conn.preparedQuery("insert into tickets (id, order_id, event_id, "
                    + "section_id, slot, holder_id, status, code) "
                    + "values ($1, $2, $3, $4, $5, $6, 'valid', $7)")
                .executeBatch(Arrays.stream(slots).mapToObj(slot -> Tuple.of(
                    UUID.randomUUID(), order, eventId, SECTION, slot, buyer,
                    "elsewhere-" + UUID.randomUUID())).toList()))))
        .mapEmpty();
  }

  /** The payment, its order (or null) and that order's tickets, as PostgreSQL has them now. */
  Future<JsonObject> settlement(UUID paymentId) {
    return pool.preparedQuery("select status from payments where id = $1")
        .execute(Tuple.of(paymentId))
        .compose(payments -> pool.preparedQuery("select id, status, reason from orders "
                + "where payment_id = $1")
            .execute(Tuple.of(paymentId))
            .compose(orders -> {
              JsonObject result = new JsonObject()
                  .put("paymentStatus", payments.iterator().next().getString("status"));
              if (orders.size() == 0) {
                return Future.succeededFuture(result.put("orders", 0));
              }
              Row order = orders.iterator().next();
              result.put("orders", orders.size()).put("orderId", order.getUUID("id").toString())
                  .put("orderStatus", order.getString("status"))
                  .put("reason", order.getString("reason"));
              return pool.preparedQuery("select slot, status, holder_id, seat, code "
                      + "from tickets where order_id = $1 order by slot")
                  .execute(Tuple.of(order.getUUID("id")))
                  .map(tickets -> {
                    JsonArray list = new JsonArray();
                    tickets.forEach(t -> list.add(new JsonObject().put("slot", t.getInteger("slot"))
                        .put("status", t.getString("status"))
                        .put("holderId", t.getUUID("holder_id").toString())
                        .put("seat", t.getString("seat")).put("code", t.getString("code"))));
                    return result.put("tickets", list);
                  });
            }));
  }

  /** The next offset the worker's group has committed on the partition of {@code sent}. */
  Future<Long> committed(RecordMetadata sent) {
    return offsets.committed(PaymentWorkerVerticle.GROUP,
        new TopicPartition(sent.getTopic(), sent.getPartition()));
  }

  List<JsonObject> ordersFor(UUID paymentId) {
    return orders.stream().filter(o -> paymentId.toString().equals(o.getString("paymentId")))
        .toList();
  }

  /** A request to the core, its reply as its JSON. */
  Future<JsonObject> request(CoreRequest<?> request) {
    return Bus.send(vertx, request);
  }

  /** Probes until {@code ready} holds (see {@link Await#until}). */
  <T> Future<T> eventually(Supplier<Future<T>> probe, Predicate<T> ready) {
    return Await.until(vertx, probe, ready);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

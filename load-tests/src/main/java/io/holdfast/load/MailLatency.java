package io.holdfast.load;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mail half of issue 15's speed target: an on-sale through the public API at a steady rate
 * (each buyer holds, checks out and pays with the simulated provider), then, from PostgreSQL,
 * how long after each order was confirmed its confirmation (with the order's PDF) was accepted
 * by the SMTP server: {@code mail_messages.sent_at - orders.created_at}. Prints a RESULT line.
 */
public final class MailLatency {
  private MailLatency() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("Usage: MailLatency BASE_URL POSTGRES_URL ORDERS RATE QUANTITY "
          + "[ORGANIZER_EMAIL] [PASSWORD]");
      System.exit(2);
    }
    String base = args[0];
    String postgres = args[1];
    int orders = Integer.parseInt(args[2]);
    double rate = Double.parseDouble(args[3]);
    int quantity = Integer.parseInt(args[4]);
    String organizerEmail = args.length > 5 ? args[5] : "organizer@holdfast.dev";
    String password = args.length > 6 ? args[6] : "holdfast-demo";

    Fixture fixture = new Fixture(base);
    String eventId = fixture.createEvent(organizerEmail, password, orders * quantity, quantity,
        600);
    List<Fixture.Buyer> buyers = fixture.registerBuyers(orders, 32);
    System.out.printf("  event %s, %d buyers registered%n", eventId, buyers.size());
    Vertx vertx = Vertx.vertx();
    Pool db = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(postgres)).using(vertx)
        .build();
    try {
      // People register days before a drop: their verification mail is out before it starts.
      long unsent;
      long waited = System.nanoTime();
      do {
        Thread.sleep(1000);
        unsent = db.query("select count(*) from mail_messages where sent_at is null")
            .execute().await().iterator().next().getLong(0);
      } while (unsent > 0 && System.nanoTime() - waited < 300_000_000_000L);
      System.out.printf("  the buyers' verification mail went out (%.1f s)%n",
          (System.nanoTime() - waited) / 1e9);
      sell(fixture, db, eventId, buyers, orders, rate, quantity);
    } finally {
      db.close().await();
      vertx.close().await();
    }
  }

  private static void sell(Fixture fixture, Pool db, String eventId, List<Fixture.Buyer> buyers,
      int orders, double rate, int quantity) throws Exception {
    // One purchase started every 1/rate seconds, whatever the ones before are doing.
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, (int) Math.ceil(rate)));
    AtomicInteger failed = new AtomicInteger();
    long began = System.nanoTime();
    long period = (long) (1e9 / rate);
    Future<?>[] bought = new Future<?>[orders];
    for (int i = 0; i < orders; i++) {
      long due = began + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String token = buyers.get(i).token();
      bought[i] = pool.submit(() -> {
        try {
          buy(fixture, eventId, token, quantity);
        } catch (Exception e) {
          if (failed.getAndIncrement() == 0) {
            System.out.println("  first failed purchase: " + e.getMessage());
          }
        }
      });
    }
    for (Future<?> f : bought) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf("  %d purchases paid in %.1f s (%.1f orders/s, %d tickets/s), %d failed%n",
        orders - failed.get(), seconds, (orders - failed.get()) / seconds,
        Math.round((orders - failed.get()) * quantity / seconds), failed.get());

    report(db, UUID.fromString(eventId), orders - failed.get(), failed.get() > 0,
        (orders - failed.get()) / seconds);
  }

  /** Waits for the event's confirmations to go out (3 minutes at most), then prints RESULT. */
  private static void report(Pool db, UUID event, int paid, boolean failedSome, double rate)
      throws InterruptedException {
    long deadline = System.nanoTime() + 180_000_000_000L;
    Row counts;
    do {
      Thread.sleep(1000);
      counts = db.preparedQuery("select count(*) as orders, count(m.sent_at) as sent "
              + "from orders o left join mail_messages m on m.dedup_key = "
              + "'order-confirmed:' || o.id where o.event_id = $1")
          .execute(Tuple.of(event)).await().iterator().next();
    } while ((counts.getLong("sent") < counts.getLong("orders")
        || counts.getLong("orders") < paid) && System.nanoTime() < deadline);
    Row r = db.preparedQuery("select count(*) as n, "
            + "percentile_cont(0.5) within group (order by s) as p50, "
            + "percentile_cont(0.95) within group (order by s) as p95, "
            + "percentile_cont(0.99) within group (order by s) as p99, max(s) as max, "
            + "extract(epoch from max(sent_at) - min(sent_at)) as sending, "
            + "percentile_cont(0.99) within group (order by owed) as owed99 "
            + "from (select extract(epoch from m.sent_at - o.created_at) as s, m.sent_at, "
            + "extract(epoch from m.created_at - o.created_at) as owed "
            + "from orders o "
            + "join mail_messages m on m.dedup_key = 'order-confirmed:' || o.id "
            + "where o.event_id = $1 and m.sent_at is not null) d")
        .execute(Tuple.of(event)).await().iterator().next();
    long orderCount = counts.getLong("orders");
    long sent = r.getLong("n");
    double p99 = number(r, "p99");
    String verdict = failedSome ? "FAILED:purchases"
        : sent < orderCount ? "FAILED:unsent" : p99 <= 5.0 ? "met" : "missed";
    System.out.printf("RESULT orders=%d sent=%d rate=%.1f mail_rate=%.1f p50=%.2f p95=%.2f "
            + "p99=%.2f max=%.2f owed_p99=%.2f target=%s%n", orderCount, sent, rate,
        sent / Math.max(1e-3, number(r, "sending")), number(r, "p50"), number(r, "p95"), p99,
        number(r, "max"), number(r, "owed99"), verdict);
  }

  private static double number(Row r, String column) {
    Object v = r.getValue(column);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  private static void buy(Fixture fixture, String eventId, String token, int quantity)
      throws Exception {
    String holdId = fixture.post("/v1/events/" + eventId + "/holds", token, new JsonObject()
        .put("section", "GA").put("quantity", quantity), 201, UUID.randomUUID().toString())
        .getString("holdId");
    String paymentId = fixture.post("/v1/holds/" + holdId + "/checkout", token, null, 201,
        holdId).getString("paymentId");
    fixture.post("/v1/payments/" + paymentId + "/simulate", token,
        new JsonObject().put("outcome", "succeeded"), 202);
  }
}

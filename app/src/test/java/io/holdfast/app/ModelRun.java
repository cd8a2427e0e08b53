package io.holdfast.app;

import io.holdfast.app.RulesModel.Event;
import io.holdfast.app.RulesModel.Hold;
import io.holdfast.app.RulesModel.HoldState;
import io.holdfast.app.RulesModel.Keeps;
import io.holdfast.app.RulesModel.Outcome;
import io.holdfast.edge.HttpEdgeVerticle;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Runs model steps against the real platform through its public API, keeps the model in step
 * with what the platform answered, and fails ({@link ModelViolation}) the moment an answer is
 * one the model does not allow or a rule is broken. Payments and refunds are awaited, so each
 * step starts from a settled platform.
 */
final class ModelRun {
  private static final Duration SETTLE = Duration.ofSeconds(20);

  private final Api api;
  private final String organizer;
  private final List<String> buyers;
  private final List<String> buyerIds = new ArrayList<>();
  private final RulesModel model = new RulesModel();
  private final ModelChecks checks;
  private final ModelStripe stripe;
  /** The last granted hold, its request and key, for RETRY_HOLD. */
  private Hold lastGrant;
  private JsonObject lastRequest;
  private String lastKey;
  private boolean lastTogether;
  private long lastGrantedAt;
  private final long requestTimeoutMillis;

  ModelRun(Api api) {
    this.api = api;
    this.organizer = api.organizer();
    this.buyers = api.buyers(ModelStep.BUYERS);
    for (String token : buyers) {
      buyerIds.add(api.call(HttpMethod.GET, "/v1/me", token, null).bodyAsJsonObject()
          .getString("id"));
    }
    this.checks = new ModelChecks(api, model, buyerIds);
    this.stripe = new ModelStripe(api, model, buyers);
    this.requestTimeoutMillis = HttpEdgeVerticle.requestTimeoutMillis(api.platform.config());
  }

  /** Runs one step and checks the rules afterwards; answers false when it had nothing to do. */
  boolean run(ModelStep step) {
    Event e = model.events.isEmpty() ? null
        : model.events.get(step.event() % model.events.size());
    Hold h = model.holds.isEmpty() ? null : model.holds.get(Math.max(0,
        model.holds.size() - 1 - step.hold()));
    boolean ran = switch (step.kind()) {
      case NEW_EVENT -> newEvent(step.n());
      case EDIT -> e != null && edit(e, step.n());
      case PUBLISH -> e != null && publish(e);
      case CANCEL -> e != null && cancel(e);
      case HOLD_GA -> e != null && e.gaCapacity > 0 && hold(e, step.buyer(), 1 + step.n() % 3,
          null, false);
      case HOLD_SEATS -> e != null && e.seatCount() > 0 && hold(e, step.buyer(),
          0, seats(e, step.n()), false);
      case HOLD_BEST -> e != null && e.seatCount() > 0 && hold(e, step.buyer(),
          1 + step.n() % 3, null, true);
      case RETRY_HOLD -> retry();
      case RELEASE -> h != null && release(h);
      case LAPSE -> lapse();
      case CHECKOUT -> h != null && checkout(h);
      case PAY -> h != null && h.paymentId != null && h.intentId == null && pay(h, true);
      case DECLINE -> h != null && h.paymentId != null && h.intentId == null && pay(h, false);
      case REFUND -> h != null && h.state == HoldState.CONFIRMED && refund(h);
      case COLD_RESTART -> coldRestart();
      case STRIPE_CHECKOUT -> h != null && stripe.checkout(h);
      case STRIPE_EVENT -> h != null && stripe.happen(h, step.n());
      case STRIPE_DELIVER -> stripe.deliver(step.n());
    };
    if (ran && !model.events.isEmpty()) {
      checks.afterStep(e != null ? e : model.events.get(model.events.size() - 1));
    }
    return ran;
  }

  /** Stripe delivers what it still owes, everything settles, and the end state is checked. */
  void settleAndCheck() {
    stripe.flush();
    checks.settled();
    stripe.checkAgreement();
  }

  void close() {
    stripe.close();
  }

  String eventId(int index) {
    return model.events.get(index % model.events.size()).id;
  }

  private boolean newEvent(int n) {
    if (model.events.size() >= ModelStep.EVENTS) {
      return false;
    }
    Event e = new Event(model.events.size());
    e.gaCapacity = n % 4 == 3 ? 0 : 2 + n % 7;
    if (e.gaCapacity == 0 || (n >> 3) % 2 == 1) {
      for (int r = 1; r <= 2; r++) {
        List<String> row = new ArrayList<>();
        for (int s = 1; s <= 4; s++) {
          row.add("R-" + r + "-" + s);
        }
        e.rows.add(row);
      }
    }
    e.maxPerBuyer = 2 + (n >> 4) % 3;
    e.holdSeconds = (n >> 6) % 2 == 0 ? 2 : 120;
    e.gaPrice = 2500;
    e.seatPrice = 4000;
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/v1/events", organizer,
        eventBody(e));
    expect(created, 201, "create event");
    e.id = created.bodyAsJsonObject().getString("id");
    model.events.add(e);
    if ((n >> 7) % 4 != 0) {
      publish(e);
    }
    return true;
  }

  private JsonObject eventBody(Event e) {
    JsonObject body = Organizing.body("Model event " + e.index, 1)
        .put("maxPerBuyer", e.maxPerBuyer).put("holdSeconds", e.holdSeconds);
    JsonArray sections = new JsonArray();
    if (e.gaCapacity > 0) {
      sections.add(new JsonObject().put("id", "GA").put("kind", "general")
          .put("priceCents", e.gaPrice).put("capacity", e.gaCapacity));
    }
    if (!e.rows.isEmpty()) {
      JsonArray rows = new JsonArray();
      for (int r = 0; r < e.rows.size(); r++) {
        rows.add(new JsonObject().put("label", String.valueOf(r + 1))
            .put("seats", e.rows.get(r).size()));
      }
      sections.add(new JsonObject().put("id", "R").put("kind", "reserved")
          .put("priceCents", e.seatPrice).put("rows", rows));
    }
    return body.put("sections", sections);
  }

  /** A draft changes stock and limit freely; a published event only its text. */
  private boolean edit(Event e, int n) {
    if ("draft".equals(e.status) && e.gaCapacity > 0) {
      int capacity = 2 + n % 7;
      int max = 2 + (n >> 3) % 3;
      // The sections as they are, with the general section's new capacity.
      JsonArray sections = eventBody(e).getJsonArray("sections");
      sections.getJsonObject(0).put("capacity", capacity);
      HttpResponse<Buffer> r = api.call(HttpMethod.PATCH, "/v1/events/" + e.id, organizer,
          new JsonObject().put("maxPerBuyer", max).put("sections", sections));
      expect(r, 200, "edit draft");
      e.gaCapacity = capacity;
      e.maxPerBuyer = max;
      return true;
    }
    HttpResponse<Buffer> locked = api.call(HttpMethod.PATCH, "/v1/events/" + e.id, organizer,
        new JsonObject().put("maxPerBuyer", 1 + n % 5));
    expect(locked, "draft".equals(e.status) ? 200 : 409, "edit the limit of a "
        + e.status + " event");
    if ("draft".equals(e.status)) {
      e.maxPerBuyer = 1 + n % 5;
    }
    HttpResponse<Buffer> text = api.call(HttpMethod.PATCH, "/v1/events/" + e.id, organizer,
        new JsonObject().put("description", "edited " + n));
    expect(text, "cancelled".equals(e.status) ? 409 : 200, "edit the text of a " + e.status
        + " event");
    return true;
  }

  private boolean publish(Event e) {
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/events/" + e.id + "/publish",
        organizer, null);
    if ("draft".equals(e.status)) {
      expect(r, 200, "publish a draft");
      e.status = "on_sale";
    } else {
      expect(r, 409, "publish an event that is " + e.status);
    }
    return true;
  }

  private boolean cancel(Event e) {
    if (model.events.stream().filter(Event::selling).count() < 3 && e.selling()) {
      return false;
    }
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/events/" + e.id + "/cancel",
        organizer, null);
    expect(r, 200, "cancel an event that is " + e.status);
    if (!"cancelled".equals(e.status)) {
      e.cancelledAt = System.currentTimeMillis();
    }
    e.status = "cancelled";
    for (Hold h : model.holdsOf(e)) {
      if (h.state == HoldState.CONFIRMED) {
        h.state = HoldState.REFUNDED;
      }
    }
    await("every order of cancelled event " + e.id + " refunded", () -> api.count(
        "select count(*) from orders where event_id = $1::uuid and status = 'confirmed'",
        e.id) == 0);
    return true;
  }

  private List<String> seats(Event e, int n) {
    List<String> all = e.rows.stream().flatMap(List::stream).toList();
    String first = all.get(n % all.size());
    String second = all.get((n >> 4) % all.size());
    return n % 2 == 0 || first.equals(second) ? List.of(first) : List.of(first, second);
  }

  private boolean hold(Event e, int buyer, int quantity, List<String> seats, boolean together) {
    JsonObject body = seats != null ? new JsonObject().put("seats", new JsonArray(seats))
        : new JsonObject().put("section", together ? "R" : "GA").put("quantity", quantity)
            .put("together", together ? true : null);
    if (!together) {
      body.remove("together");
    }
    int q = seats != null ? seats.size() : quantity;
    long before = System.currentTimeMillis();
    Set<Outcome> allowed = model.holdOutcomes(e, buyer, q, seats, together, before);
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> r = Api.await(api.hold(buyers.get(buyer), e.id, body, key));
    long after = System.currentTimeMillis();
    Outcome got = outcome(r);
    if (!allowed.contains(got) && !allowed.equals(model.holdOutcomes(e, buyer, q, seats,
        together, after))) {
      allowed.addAll(model.holdOutcomes(e, buyer, q, seats, together, after));
    }
    if (!allowed.contains(got)) {
      throw new ModelViolation("hold " + body.encode() + " by buyer " + buyer + " on event "
          + e.index + " (" + e.status + ") answered " + r.statusCode() + " " + r.bodyAsString()
          + "; the rules allow " + allowed);
    }
    if (got == Outcome.SOLD_OUT && seats == null && !together) {
      e.soldOutAt = after;
    }
    if (got != Outcome.GRANTED) {
      return true;
    }
    JsonObject grant = r.bodyAsJsonObject();
    List<String> taken = new ArrayList<>();
    grant.getJsonArray("seats", new JsonArray()).forEach(s -> taken.add((String) s));
    checks.grant(e, grant, q, seats, together, before);
    Hold h = new Hold(model.holds.size(), e, buyer, grant.getString("holdId"), q, taken,
        Instant.parse(grant.getString("expiresAt")).toEpochMilli());
    model.holds.add(h);
    lastGrant = h;
    lastRequest = body;
    lastKey = key;
    lastTogether = together;
    lastGrantedAt = before;
    return true;
  }

  private static Outcome outcome(HttpResponse<Buffer> r) {
    int status = r.statusCode();
    String type = status >= 400 ? r.bodyAsJsonObject().getString("type", "") : "";
    if (status == 201) {
      return Outcome.GRANTED;
    }
    if (status == 409 && (type.endsWith("/seats-unavailable") || type.endsWith("/sold-out")
        || type.endsWith("/no-adjacent-seats"))) {
      return Outcome.SOLD_OUT;
    }
    if (status == 429 && type.endsWith("/purchase-limit")) {
      return Outcome.LIMIT;
    }
    if (status == 403 && type.endsWith("/sales-closed") || status == 404) {
      return Outcome.CLOSED;
    }
    throw new ModelViolation("a hold answered " + status + " " + r.bodyAsString());
  }

  /**
   * The same request with the same key: the first answer again, never a second hold. A hold
   * the grid forgot (a cold restart) may be taken again under its own ID, or be refused, but
   * the key is never stuck "in progress".
   */
  private boolean retry() {
    if (lastGrant == null) {
      return false;
    }
    long now = System.currentTimeMillis();
    HttpResponse<Buffer> r = Api.await(api.hold(buyers.get(lastGrant.buyer), lastGrant.event.id,
        lastRequest, lastKey));
    String holdId = r.statusCode() == 201 ? r.bodyAsJsonObject().getString("holdId") : null;
    if (lastGrant.state != HoldState.LOST) {
      expect(r, 201, "repeat a granted hold request with its key");
    } else if (r.statusCode() == 409 && now - lastGrantedAt < requestTimeoutMillis
        && r.bodyAsJsonObject().getString("type").endsWith("/idempotency-key-in-use")) {
      // The first request could still be running (the claim is younger than the request
      // deadline): the edge cannot tell it from a hold lost with the grid yet.
      return true;
    } else if (r.statusCode() != 201) {
      Outcome refusal = outcome(r);
      if (!model.holdOutcomes(lastGrant.event, lastGrant.buyer, lastGrant.quantity,
          seatsAsked(), lastTogether, now).contains(refusal)) {
        throw new ModelViolation("repeating the request of a forgotten hold answered "
            + r.statusCode() + " " + r.bodyAsString());
      }
      return true;
    }
    if (!lastGrant.id.equals(holdId)) {
      throw new ModelViolation("a repeated hold request made hold " + holdId + ", not "
          + lastGrant.id);
    }
    if (lastGrant.state == HoldState.LOST) {
      lastGrant.state = HoldState.ACTIVE;
      lastGrant.expiresAt = Instant.parse(r.bodyAsJsonObject().getString("expiresAt"))
          .toEpochMilli();
      checks.grant(lastGrant.event, r.bodyAsJsonObject(), lastGrant.quantity, seatsAsked(),
          lastTogether, now);
      List<String> seats = new ArrayList<>();
      r.bodyAsJsonObject().getJsonArray("seats", new JsonArray()).forEach(
          seat -> seats.add((String) seat));
      lastGrant.seats = seats;
    }
    return true;
  }

  /** The exact seats the last granted request named; null for best available or GA. */
  private List<String> seatsAsked() {
    return lastTogether || lastGrant.general() ? null : lastGrant.seats;
  }

  private boolean release(Hold h) {
    HttpResponse<Buffer> r = api.call(HttpMethod.DELETE, "/v1/holds/" + h.id,
        buyers.get(h.buyer), null);
    boolean paidAfterCancel = "cancelled".equals(h.event.status) && h.paymentId != null;
    if (paidAfterCancel && r.statusCode() == 409) {
      // Paid after its event was cancelled: the grid sold it, PostgreSQL refunded it, and the
      // seats of a cancelled event stay off sale; the hold reads as paid for.
      return true;
    }
    expect(r, h.state == HoldState.CONFIRMED ? 409 : h.state == HoldState.LOST ? 404 : 204,
        "release a " + h.state + " hold");
    if (h.state == HoldState.ACTIVE) {
      h.state = HoldState.RELEASED;
    }
    return true;
  }

  /** Waits until the active hold that lapses next has surely lapsed (a few seconds at most). */
  private boolean lapse() {
    long now = System.currentTimeMillis();
    Hold next = model.holds.stream().filter(h -> h.state == HoldState.ACTIVE
            && h.expiresAt > now - RulesModel.MARGIN_MILLIS && h.expiresAt < now + 3_000)
        .min((a, b) -> Long.compare(a.expiresAt, b.expiresAt)).orElse(null);
    if (next == null) {
      return false;
    }
    sleep(next.expiresAt + RulesModel.MARGIN_MILLIS + 50 - now);
    return true;
  }

  private boolean checkout(Hold h) {
    long now = System.currentTimeMillis();
    HttpResponse<Buffer> r = Api.await(api.request(HttpMethod.POST, "/v1/holds/" + h.id
            + "/checkout", buyers.get(h.buyer))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString()).send());
    checkoutAnswer(h, RulesModel.keeps(h, now), r);
    return true;
  }

  /**
   * A checkout answers a payment for a hold that still keeps its seats (the same payment every
   * time), 409 for one that does not, 404 for one the grid forgot.
   */
  static void checkoutAnswer(Hold h, Keeps keeps, HttpResponse<Buffer> r) {
    int status = r.statusCode();
    boolean ok = h.state == HoldState.LOST ? status == 404
        : keeps == Keeps.YES && h.state == HoldState.ACTIVE ? status == 201
        : keeps == Keeps.MAYBE ? status == 201 || status == 409 : status == 409;
    if (!ok) {
      throw new ModelViolation("checkout of a " + h.state + " hold (" + keeps
          + ") answered " + status + " " + r.bodyAsString());
    }
    if (status == 201) {
      String paymentId = r.bodyAsJsonObject().getString("paymentId");
      if (h.paymentId != null && !h.paymentId.equals(paymentId)) {
        throw new ModelViolation("a second checkout of hold " + h.id + " made payment "
            + paymentId + " beside " + h.paymentId);
      }
      h.paymentId = paymentId;
    }
  }

  /** The buyer's payment succeeds (or is declined); answers once the worker settled it. */
  private boolean pay(Hold h, boolean succeeds) {
    String status = payment(h).getString("status");
    if (!"requires_payment".equals(status)) {
      return false;
    }
    long now = System.currentTimeMillis();
    boolean[] sells = model.paymentSells(h, now);
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/payments/" + h.paymentId
        + "/simulate", buyers.get(h.buyer), new JsonObject().put("outcome",
        succeeds ? "succeeded" : "failed"));
    expect(r, 202, "simulate a payment");
    String settled = awaitValue("payment " + h.paymentId + " settled", () -> {
      String s = payment(h).getString("status");
      return "processing".equals(s) || "requires_payment".equals(s) ? null : s;
    });
    if (!succeeds) {
      if (!"failed".equals(settled)) {
        throw new ModelViolation("a declined payment ended " + settled);
      }
      String holdStatus = holdStatus(h);
      if (h.state == HoldState.ACTIVE && "released".equals(holdStatus)) {
        h.state = HoldState.RELEASED;
      }
      return true;
    }
    boolean sold = "succeeded".equals(settled);
    if (!sold && !"refunded".equals(settled)) {
      throw new ModelViolation("a successful payment ended " + settled);
    }
    if (sold && !sells[0] || !sold && sells[1]) {
      throw new ModelViolation("payment for a " + h.state + " hold ("
          + RulesModel.keeps(h, now) + ") of buyer " + h.buyer + " on event " + h.event.index
          + " (" + h.event.status + ", maxPerBuyer " + h.event.maxPerBuyer + ", buyer owns "
          + model.tickets(h.event, h.buyer) + ") ended " + settled);
    }
    // A forgotten hold stays forgotten: the grid answers for it as for any unknown hold.
    h.state = sold ? HoldState.CONFIRMED
        : h.state == HoldState.LOST ? HoldState.LOST : HoldState.FORFEITED;
    if (sold) {
      h.orderId = confirmedOrder(api, h);
    }
    return true;
  }

  /** The confirmed order of a sold hold's payment: what the organizer refunds. */
  static String confirmedOrder(Api api, Hold h) {
    var order = Api.await(api.sql.preparedQuery("select id::text from orders where "
        + "payment_id = $1::uuid and status = 'confirmed'").execute(
        io.vertx.sqlclient.Tuple.of(h.paymentId))).iterator();
    if (!order.hasNext()) {
      throw new ModelViolation("payment " + h.paymentId + " succeeded without an order");
    }
    return order.next().getString(0);
  }

  private boolean refund(Hold h) {
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/orders/" + h.orderId + "/refund",
        organizer, null);
    expect(r, 202, "refund a confirmed order");
    h.state = HoldState.REFUNDED;
    await("order " + h.orderId + " refunded", () -> api.count(
        "select count(*) from orders where id = $1::uuid and status = 'refunded'",
        h.orderId) == 1);
    if (h.event.selling()) {
      await("the seats of refunded order " + h.orderId + " back on sale",
          () -> api.availability(h.event.id).getInteger("sold") == model.sold(h.event));
    }
    return true;
  }

  private boolean coldRestart() {
    ModelChecks.coldRestart(api);
    // The rebuild brings back what PostgreSQL sold; every other hold is forgotten.
    model.holds.stream().filter(h -> h.state != HoldState.CONFIRMED)
        .forEach(h -> h.state = HoldState.LOST);
    return true;
  }

  private JsonObject payment(Hold h) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/payments/" + h.paymentId,
        buyers.get(h.buyer), null);
    expect(r, 200, "read a payment");
    return r.bodyAsJsonObject();
  }

  private String holdStatus(Hold h) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/holds/" + h.id, buyers.get(h.buyer),
        null);
    return r.statusCode() == 200 ? r.bodyAsJsonObject().getString("status") : "unknown";
  }

  static void expect(HttpResponse<Buffer> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new ModelViolation(what + ": expected " + status + ", got " + r.statusCode() + " "
          + r.bodyAsString());
    }
  }

  static void await(String what, java.util.function.BooleanSupplier done) {
    awaitValue(what, () -> done.getAsBoolean() ? "" : null);
  }

  static <T> T awaitValue(String what, java.util.function.Supplier<T> value) {
    long end = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < end) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      sleep(25);
    }
    throw new ModelViolation("waited " + SETTLE.toSeconds() + " s in vain: " + what);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.holdfast.edge.routes;

import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.core.HoldView;
import io.holdfast.contracts.core.Release;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.edge.idempotency.Idempotent;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.ledger.PaymentStatus;
import io.holdfast.ledger.checkout.Checkout;
import io.holdfast.support.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;


import static io.holdfast.edge.http.Responses.handle;

/** Holds and checkout: the hot path of a drop. Inventory decisions belong to the core. */
public final class HoldRoutes {
  /** Where a hold request keeps its event's ID once read (see {@link #eventId}). */
  private static final String EVENT_ID = "holdfast.holds.eventId";
  /** Where a checkout keeps the status of the payment it answers, for its meter. */
  private static final String PAYMENT_STATUS = "holdfast.checkout.paymentStatus";
  private static final Set<String> HOLD_FIELDS = Set.of("section", "quantity", "seats",
      "together", "onBehalfOf");

  private static final String CHECKOUTS = "holdfast_checkouts_total";
  private static final String CHECKOUTS_HELP = "Checkouts answered by this process's edge, by "
      + "status: pending (a payment awaits the buyer), paid (the hold's payment had succeeded "
      + "already), failed (no payment: refused, or the provider away)";

  private final Edge edge;
  private final Checkout checkout;
  private final HoldMeter holds;
  private final Counter checkoutsPending;
  private final Counter checkoutsPaid;
  private final Counter checkoutsFailed;

  public HoldRoutes(Edge edge) {
    this.edge = edge;
    this.checkout = new Checkout(edge.payments(), edge.stripe());
    Meters meters = Meters.of(edge.vertx());
    this.holds = new HoldMeter(meters, edge.limits());
    this.checkoutsPending = meters.counter(CHECKOUTS, CHECKOUTS_HELP, "status", "pending");
    this.checkoutsPaid = meters.counter(CHECKOUTS, CHECKOUTS_HELP, "status", "paid");
    this.checkoutsFailed = meters.counter(CHECKOUTS, CHECKOUTS_HELP, "status", "failed");
  }

  /**
   * The hot routes, a hold and a checkout: mounted before the edge's rate-limit guard, since
   * their budget is taken with their idempotency claim, in one Redis round trip. A request
   * without a valid token spends its address's budget instead; one without the role is refused
   * before it claims its key. {@code bodies} reads their bodies: they are mounted ahead of the
   * router's own body handler, so that a hold matches no route before its own.
   */
  public void mountHot(Router router, Handler<RoutingContext> bodies) {
    router.post("/v1/events/:eventId/holds")
        .handler(bodies)
        .handler(edge.limits().unidentified(edge.auth()))
        .handler(edge.auth().requiring(Caller.BUYER, Caller.PARTNER))
        .handler(handle(edge.idempotent().named(this::name, this::hold, this::replay), holds));
    router.post("/v1/holds/:holdId/checkout")
        .handler(bodies)
        .handler(edge.limits().unidentified(edge.auth()))
        .handler(edge.auth())
        .handler(handle(edge.idempotent().required(this::checkout), this::checkedOut));
  }

  public void mount(Router router) {
    router.get("/v1/holds/:holdId").handler(edge.auth()).handler(handle(this::get));
    router.delete("/v1/holds/:holdId").handler(edge.auth()).handler(handle(this::release));
  }

  private Future<Reply> hold(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    String eventId = eventId(ctx);
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(HOLD_FIELDS);
    String onBehalfOf = null;
    if (body.has("onBehalfOf")) {
      if (caller.has(Caller.PARTNER)) {
        onBehalfOf = body.string("onBehalfOf", true, 1, 128);
      } else {
        body.error("onBehalfOf", "is for partners selling to their own customers");
      }
    }
    HoldRequest request;
    if (body.has("seats")) {
      for (String other : new String[] {"section", "quantity", "together"}) {
        if (body.has(other)) {
          body.error(other, "cannot be combined with seats: name the seats, or ask for a "
              + "section and quantity");
        }
      }
      List<String> seats = seats(body);
      body.validate();
      request = HoldRequest.seats(eventId, caller.id(), seats, Idempotent.name(ctx),
          onBehalfOf);
    } else {
      String section = body.string("section", true, 1, 64);
      Integer quantity = body.integer("quantity", null, 1, 100);
      boolean together = body.has("together") && body.bool("together");
      body.validate();
      request = new HoldRequest(eventId, caller.id(), section, quantity,
          Idempotent.name(ctx), null, together, onBehalfOf);
    }
    return edge.core().hold(request.capped(edge.limits().holdCap(caller), RequestIds.of(ctx)))
        .map(HoldRoutes::created);
  }

  /** Seat IDs: 1 to 100 distinct strings {@code SECTION-ROW-NUMBER}. */
  private static List<String> seats(BodyReader body) {
    JsonArray raw = body.array("seats", 1, 100);
    if (raw == null) {
      return List.of();
    }
    List<String> seats = new ArrayList<>(raw.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      if (!(raw.getValue(i) instanceof String seat) || seat.isEmpty() || seat.length() > 40) {
        body.error("seats[" + i + "]", "must be a seat ID such as A-12-7");
      } else if (!seen.add(seat)) {
        body.error("seats[" + i + "]", "repeats seat " + seat);
      } else {
        seats.add(seat);
      }
    }
    return seats;
  }

  /** The ID a new hold will have, chosen before it is asked for (see {@link Idempotent}). */
  private String name(RoutingContext ctx) {
    return HoldKey.next(HoldKey.bookOf(eventId(ctx), Authenticator.caller(ctx).id())).toString();
  }

  /**
   * The event of a hold request, as the core names it: read from the path once, though the
   * name and the hold both need it (a 404 when it is no UUID).
   */
  private static String eventId(RoutingContext ctx) {
    String eventId = ctx.get(EVENT_ID);
    if (eventId == null) {
      eventId = Paging.uuid(ctx, "eventId", "Event").toString();
      ctx.put(EVENT_ID, eventId);
    }
    return eventId;
  }

  /** A repeated hold request: the first answer, rebuilt from the hold it made. */
  private Future<Reply> replay(RoutingContext ctx, String holdId) {
    return CoreBus.request(edge.vertx(), new GetHold(holdId, Authenticator.caller(ctx).id()))
        .map(hold -> created(new HoldGrant(hold.holdId(), hold.eventId(), hold.sectionId(),
            hold.seats(), hold.quantity(), hold.amountCents(), hold.currency(),
            hold.createdAt(), hold.expiresAt())));
  }

  private static Reply created(HoldGrant hold) {
    return Reply.created(HoldJson.render(hold), "/v1/holds/" + hold.holdId());
  }

  private Future<Reply> get(RoutingContext ctx) {
    return ownHold(ctx).map(hold -> Reply.ok(view(hold)));
  }

  private Future<Reply> release(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    UUID holdId = Paging.uuid(ctx, "holdId", "Hold");
    return CoreBus.request(edge.vertx(), new Release(holdId.toString(), caller.id()))
        .map(ignored -> Reply.noContent());
  }

  /** Starts paying for an active hold of the caller's: see {@link Checkout}. */
  private Future<Reply> checkout(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    return ownHold(ctx).compose(hold -> checkout.start(hold, UUID.fromString(caller.id())))
        .map(p -> {
          ctx.put(PAYMENT_STATUS, p.getString("status"));
          return Reply.created(PaymentRoutes.view(p), "/v1/payments/" + p.getString("paymentId"));
        });
  }

  /** Counts a checkout's answer by the payment it answered, or as failed. */
  private void checkedOut(RoutingContext ctx, Throwable failure, long beganNanos) {
    if (failure != null || ctx.response().getStatusCode() >= 300) {
      checkoutsFailed.increment();
      return;
    }
    // A replayed answer (no status noted) was a payment made for the buyer to pay.
    String status = ctx.get(PAYMENT_STATUS);
    if (PaymentStatus.SUCCEEDED.stored().equals(status)) {
      checkoutsPaid.increment();
    } else if (status == null || PaymentStatus.REQUIRES_PAYMENT.stored().equals(status)
        || PaymentStatus.PROCESSING.stored().equals(status)) {
      checkoutsPending.increment();
    } else {
      checkoutsFailed.increment();
    }
  }

  private Future<HoldView> ownHold(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    UUID holdId = Paging.uuid(ctx, "holdId", "Hold");
    return CoreBus.request(edge.vertx(), new GetHold(holdId.toString(), caller.id()));
  }

  /** The hold as the API shows it: its holder is the caller, so it is left out. */
  private static JsonObject view(HoldView hold) {
    JsonObject view = hold.toJson();
    view.remove("buyerId");
    return view;
  }
}

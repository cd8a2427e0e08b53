package io.holdfast.edge.routes;

import io.holdfast.ledger.OrderStatus;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.support.log.LogFields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.holdfast.edge.http.Responses.handle;

/**
 * A buyer's orders and tickets, and the refund of one order by its event's organizer. Someone
 * else's order or ticket is a 404.
 */
public final class OrderRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OrderRoutes.class);
  /** The reason a refund records when its request gives none. */
  static final String REFUND_REQUESTED = "refund-requested";

  private final Edge edge;

  public OrderRoutes(Edge edge) {
    this.edge = edge;
  }

  public void mount(Router router) {
    router.get("/v1/orders").handler(edge.auth()).handler(handle(this::orders));
    router.get("/v1/orders/:orderId").handler(edge.auth()).handler(handle(this::order));
    router.post("/v1/orders/:orderId/refund").handler(edge.auth()).handler(handle(this::refund));
    router.get("/v1/tickets").handler(edge.auth()).handler(handle(this::tickets));
    router.get("/v1/tickets/:ticketId").handler(edge.auth()).handler(handle(this::ticket));
  }

  private Future<Reply> orders(RoutingContext ctx) {
    Paging paging = Paging.of(ctx, false);
    return edge.orders().ordersOf(user(ctx), paging.at(), paging.id(), paging.limit())
        .map(list -> Reply.ok(paging.page(list, "createdAt", "orderId")));
  }

  private Future<Reply> order(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "orderId", "Order");
    return found(edge.orders().orderOf(user(ctx), id), "Order " + id).map(Reply::ok);
  }

  /**
   * The event's organizer (or an admin) refunds a confirmed order: the payment-worker refunds
   * it (order refunded, tickets void, payment refunded) as it does when an event is cancelled.
   * Answers 202 with the order as it is now, its tickets without their codes (a code gets its
   * holder in at the door: it is the buyer's alone); to anyone else the order does not exist.
   */
  private Future<Reply> refund(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    UUID id = Paging.uuid(ctx, "orderId", "Order");
    String reason = REFUND_REQUESTED;
    if (ctx.body().buffer() != null && ctx.body().buffer().length() > 0) {
      BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("reason"));
      String given = body.string("reason", false, 1, 200);
      body.validate();
      reason = given == null ? REFUND_REQUESTED : given;
    }
    String why = reason;
    return edge.orders().forRefund(id).compose(order -> {
      if (order == null || !caller.has(Caller.ADMIN)
          && !caller.id().equals(order.organizerId().toString())) {
        return Future.failedFuture(Problems.notFound("Order " + id).toException());
      }
      if (order.status() != OrderStatus.CONFIRMED) {
        return Future.failedFuture(Problem.of(409, "invalid-state", "Not allowed now",
            "Order " + id + " is " + order.status().stored() + "; only a confirmed order can be "
                + "refunded").toException());
      }
      String requestId = RequestIds.of(ctx);
      return edge.orders().requestRefunds(order.eventId(), id, why, caller.id(), requestId)
          .recover(t -> {
            LogFields.requestId(LOG.atWarn(), requestId).setCause(t).log("Refund of order {} "
                + "could not be requested", id);
            return Future.failedFuture(Problem.of(503, "unavailable", "Try again",
                    "The refund could not be requested; try again")
                .with("retryAfterSeconds", 1).toException());
          })
          .compose(sent -> {
            LogFields.requestId(LOG.atInfo(), requestId).log("Refund of order {} (event {}) "
                + "requested by {}: {}", id, order.eventId(), caller.id(), why);
            return edge.orders().orderOf(order.userId(), id);
          })
          .map(found -> Reply.accepted(withoutCodes(found)));
    });
  }

  private Future<Reply> tickets(RoutingContext ctx) {
    Paging paging = Paging.of(ctx, false);
    return edge.orders().ticketsOf(user(ctx), paging.at(), paging.id(), paging.limit())
        .map(list -> Reply.ok(paging.page(list, "createdAt", "ticketId")));
  }

  private Future<Reply> ticket(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "ticketId", "Ticket");
    return found(edge.orders().ticketOf(user(ctx), id), "Ticket " + id).map(Reply::ok);
  }

  /** The order as its event's side may see it: the tickets' codes and secrets left out. */
  private static JsonObject withoutCodes(JsonObject order) {
    JsonArray tickets = order.getJsonArray("tickets", new JsonArray());
    for (int i = 0; i < tickets.size(); i++) {
      tickets.getJsonObject(i).remove("code");
      tickets.getJsonObject(i).remove("rotatingSecret");
    }
    return order;
  }

  private static Future<JsonObject> found(Future<JsonObject> lookup, String what) {
    return lookup.compose(found -> found == null
        ? Future.failedFuture(Problems.notFound(what).toException())
        : Future.succeededFuture(found));
  }

  private static UUID user(RoutingContext ctx) {
    return UUID.fromString(Authenticator.caller(ctx).id());
  }
}

package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

import static io.holdfast.edge.http.Responses.handle;

/** A buyer's orders and tickets. Someone else's order is a 404. */
public final class OrderRoutes {
  private final Edge edge;

  public OrderRoutes(Edge edge) {
    this.edge = edge;
  }

  public void mount(Router router) {
    router.get("/v1/orders").handler(edge.auth()).handler(handle(this::orders));
    router.get("/v1/orders/:orderId").handler(edge.auth()).handler(handle(this::order));
    router.get("/v1/tickets").handler(edge.auth()).handler(handle(this::tickets));
  }

  private Future<Reply> orders(RoutingContext ctx) {
    Paging paging = Paging.of(ctx, false);
    return edge.orders().ordersOf(user(ctx), paging.at(), paging.id(), paging.limit())
        .map(list -> Reply.ok(paging.page(list, "createdAt", "orderId")));
  }

  private Future<Reply> order(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "orderId", "Order");
    return edge.orders().orderOf(user(ctx), id).compose(order -> order == null
        ? Future.failedFuture(Problems.notFound("Order " + id).toException())
        : Future.succeededFuture(Reply.ok(order)));
  }

  private Future<Reply> tickets(RoutingContext ctx) {
    Paging paging = Paging.of(ctx, false);
    return edge.orders().ticketsOf(user(ctx), paging.at(), paging.id(), paging.limit())
        .map(list -> Reply.ok(paging.page(list, "createdAt", "ticketId")));
  }

  private static UUID user(RoutingContext ctx) {
    return UUID.fromString(Authenticator.caller(ctx).id());
  }
}

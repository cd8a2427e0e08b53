package io.holdfast.edge.routes;

import io.holdfast.ledger.PaymentStatus;
import io.holdfast.contracts.topic.PaymentEvent;
import io.holdfast.contracts.topic.PaymentsTopic;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

import static io.holdfast.edge.http.Responses.handle;

/**
 * A buyer's payments, and the simulated provider: the buyer says how the payment went, and the
 * outcome is written to the outbox with the payment's move to processing (as a Stripe webhook
 * is), from where it reaches the payment-worker over Kafka and becomes an order (or a refund).
 */
public final class PaymentRoutes {
  /** The outcomes a simulated payment can be given (the body's {@code outcome}). */
  private static final String SUCCEEDED = "succeeded";
  private static final String FAILED = "failed";

  private final Edge edge;

  public PaymentRoutes(Edge edge) {
    this.edge = edge;
  }

  /**
   * The simulate route exists only where checkout is simulated (never in production): where
   * checkout goes through Stripe, only Stripe says how a payment went.
   */
  public void mount(Router router) {
    if (edge.stripe() == null) {
      router.post("/v1/payments/:paymentId/simulate").handler(edge.auth())
          .handler(handle(this::simulate));
    }
    router.get("/v1/payments").handler(edge.auth()).handler(handle(this::list));
    router.get("/v1/payments/:paymentId").handler(edge.auth()).handler(handle(this::get));
  }

  /** The caller's payment history, newest first. */
  private Future<Reply> list(RoutingContext ctx) {
    Paging paging = Paging.of(ctx, false);
    return edge.payments().ofUser(UUID.fromString(Authenticator.caller(ctx).id()), paging.at(),
            paging.id(), paging.limit())
        .map(list -> Reply.ok(paging.page(list.stream().map(PaymentRoutes::view).toList(),
            "createdAt", "paymentId")));
  }

  private Future<Reply> get(RoutingContext ctx) {
    return own(ctx).map(payment -> Reply.ok(view(payment)));
  }

  private Future<Reply> simulate(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("outcome"));
    String outcome = body.string("outcome", true, 1, 16);
    if (outcome != null && !outcome.equals(SUCCEEDED) && !outcome.equals(FAILED)) {
      body.error("outcome", "must be succeeded or failed");
    }
    body.validate();
    return own(ctx).compose(payment -> {
      if (!"simulated".equals(payment.getString("provider"))) {
        return Future.failedFuture(Problem.of(409, "not-simulated", "Not a simulated payment",
            "Only payments of the simulated provider can be simulated").toException());
      }
      UUID id = UUID.fromString(payment.getString("paymentId"));
      return edge.payments().markProcessing(id, Topics.PAYMENTS, payment.getString("eventId"),
              outcome(payment, outcome), RequestIds.of(ctx))
          .compose(moved -> {
            if (!moved) {
              return Future.failedFuture(Problem.of(409, "payment-not-pending",
                  "Payment not pending", "Payment " + id + " is " + payment.getString("status")
                      + " already").toException());
            }
            return Future.succeededFuture(
                Reply.accepted(view(payment.put("status", PaymentStatus.PROCESSING.stored()))));
          });
    });
  }

  /** The outcome as a Stripe webhook would report it, for the same worker to settle. */
  private static JsonObject outcome(JsonObject payment, String outcome) {
    PaymentEvent.Report simulated = new PaymentEvent.Report("simulated", null, null);
    UUID paymentId = UUID.fromString(payment.getString("paymentId"));
    UUID holdId = UUID.fromString(payment.getString("holdId"));
    UUID eventId = UUID.fromString(payment.getString("eventId"));
    return PaymentsTopic.encode(SUCCEEDED.equals(outcome)
        ? new PaymentEvent.Succeeded(paymentId, holdId, eventId, simulated)
        : new PaymentEvent.Failed(paymentId, holdId, eventId, simulated));
  }

  private Future<JsonObject> own(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "paymentId", "Payment");
    UUID user = UUID.fromString(Authenticator.caller(ctx).id());
    return edge.payments().byIdForUser(id, user).compose(p -> p == null
        ? Future.failedFuture(Problems.notFound("Payment " + id).toException())
        : Future.succeededFuture(p));
  }

  static JsonObject view(JsonObject payment) {
    JsonObject view = payment.copy();
    view.remove("userId");
    return view;
  }
}

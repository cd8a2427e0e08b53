package io.holdfast.edge.routes;

import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.edge.idempotency.Idempotent;
import io.holdfast.catalog.EventRepository;
import io.holdfast.ledger.order.OrderRepository;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.ledger.payment.PaymentRepository;
import io.holdfast.catalog.StaffRepository;
import io.holdfast.accounts.UserRepository;
import io.holdfast.support.kafka.EventPublisher;
import io.holdfast.support.payment.StripeGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * What the route groups of one edge verticle share: its clients, stores and settings.
 * {@code stripe} is null when no Stripe key is configured (the simulated provider runs);
 * {@code codes} signs and checks tickets' codes (OrderRepository signs through it too).
 */
public record Edge(
    Vertx vertx,
    JsonObject config,
    Authenticator auth,
    TokenIssuer issuer,
    Passwords passwords,
    Idempotent idempotent,
    Limits limits,
    CoreClient core,
    UserRepository users,
    EventRepository events,
    PaymentRepository payments,
    OrderRepository orders,
    StaffRepository staff,
    EventPublisher producer,
    int minHoldSeconds,
    StripeGateway stripe,
    TicketCodes codes) {
}

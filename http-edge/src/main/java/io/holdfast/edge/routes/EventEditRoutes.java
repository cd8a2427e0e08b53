package io.holdfast.edge.routes;

import io.holdfast.catalog.EventStatus;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.ledger.order.OrderLedger;
import io.holdfast.ledger.order.OrderRepository;
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
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.holdfast.edge.http.Responses.handle;

/**
 * The organizer changes an event: edits it, and cancels it. Both are for the event's organizer
 * and admins; to anyone else the event does not exist (404).
 */
public final class EventEditRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(EventEditRoutes.class);
  /** What may still change once tickets are on sale. */
  static final Set<String> AFTER_PUBLISH = Set.of("name", "description", "category", "venue",
      "salesEndAt", "transfersAllowed", "transferDeadline", "rotatingCodes");
  static final String EVENT_CANCELLED = OrderLedger.EVENT_CANCELLED;

  private final Edge edge;
  private final EventRoutes events;

  public EventEditRoutes(Edge edge, EventRoutes events) {
    this.edge = edge;
    this.events = events;
  }

  public void mount(Router router) {
    router.patch("/v1/events/:eventId").handler(edge.auth()).handler(handle(this::edit));
    router.post("/v1/events/:eventId/cancel").handler(edge.auth()).handler(handle(this::cancel));
  }

  /**
   * Edits an event as a JSON merge patch: the fields given replace the event's ({@code null}
   * resets an optional one, {@code sections} replaces them all) and the result is validated
   * as a new event is. A draft may change anything; an event on sale or sold out only
   * {@link #AFTER_PUBLISH} (anything else is a 409 naming the fields).
   */
  private Future<Reply> edit(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx).require(Caller.ORGANIZER, Caller.ADMIN);
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    BodyReader patch = BodyReader.of(ctx.body().buffer());
    patch.only(EventRoutes.EVENT_FIELDS).validate();
    return EventAccess.managed(edge, caller, id).compose(event -> {
      EventStatus status = EventStatus.of(event.getString("status"));
      if (status == EventStatus.DRAFT) {
        JsonObject e = events.readEvent(BodyReader.of(merged(event, patch.raw()).toBuffer()));
        return edge.events().replaceDraft(id, e).compose(replaced -> replaced
            ? edge.events().byId(id).map(EventRoutes::publicView).map(Reply::ok)
            : Future.failedFuture(invalidState("Event " + id + " was published meanwhile; "
                + "only name, description, category, venue, salesEndAt, transfersAllowed, "
                + "transferDeadline and rotatingCodes can change now")));
      }
      if (status.selling()) {
        return editPublished(id, event, patch.raw());
      }
      return Future.failedFuture(invalidState("An event that is " + status.stored()
          + " cannot be edited"));
    });
  }

  private Future<Reply> editPublished(UUID id, JsonObject event, JsonObject patch) {
    Set<String> locked = new TreeSet<>(patch.fieldNames());
    locked.removeAll(AFTER_PUBLISH);
    if (!locked.isEmpty()) {
      throw Problem.of(409, "invalid-state", "Not allowed now", "Event " + id + " is "
              + event.getString("status") + ": only name, description, category, venue, "
              + "salesEndAt, transfersAllowed, transferDeadline and rotatingCodes can change; "
              + "not " + String.join(", ", locked))
          .with("fields", new JsonArray(List.copyOf(locked))).toException();
    }
    JsonObject e = events.readEvent(BodyReader.of(merged(event, patch).toBuffer()));
    boolean windowMoved = !Instant.parse(e.getString("salesEndAt"))
        .equals(Instant.parse(event.getString("salesEndAt")));
    // The core keeps the sales window with the event: loading it again moves the window and
    // leaves the inventory as it is. Inside the transaction, with the row as it commits, so
    // both change or neither.
    JsonObject updated = event.copy();
    AFTER_PUBLISH.forEach(field -> updated.put(field, e.getValue(field)));
    return edge.events().updatePublished(id, e, row -> windowMoved ? load(row)
            : Future.succeededFuture())
        .compose(row -> row != null
            ? Future.succeededFuture(Reply.ok(EventRoutes.publicView(updated)))
            : Future.failedFuture(invalidState("Event " + id + " is no longer on sale")));
  }

  /** The event as a request body, with the patch applied. */
  private static JsonObject merged(JsonObject event, JsonObject patch) {
    JsonObject body = new JsonObject();
    for (String field : EventRoutes.EVENT_FIELDS) {
      if (event.getValue(field) != null && !field.equals("sections")) {
        body.put(field, event.getValue(field));
      }
    }
    JsonArray sections = new JsonArray();
    for (Object s : event.getJsonArray("sections", new JsonArray())) {
      JsonObject section = new JsonObject();
      ((JsonObject) s).forEach(entry -> {
        if (SectionReader.SECTION_FIELDS.contains(entry.getKey()) && entry.getValue() != null) {
          section.put(entry.getKey(), entry.getValue());
        }
      });
      sections.add(section);
    }
    body.put("sections", sections);
    patch.forEach(entry -> {
      if (entry.getValue() == null) {
        body.remove(entry.getKey());
      } else {
        body.put(entry.getKey(), entry.getValue());
      }
    });
    return body;
  }

  /**
   * Cancels the event: its status and end of sales change, each confirmed order is handed to
   * the payment-worker to refund (through the outbox) and the core stops selling, all or
   * nothing. Cancelling again answers the same and requests the refunds again (the worker
   * refunds each order once).
   */
  private Future<Reply> cancel(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx).require(Caller.ORGANIZER, Caller.ADMIN);
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    String requestId = RequestIds.of(ctx);
    return EventAccess.managed(edge, caller, id)
        // The core gets the cancelled row as it commits (its status closes the event there
        // for good, and its end of sales is now); a draft was never loaded.
        .compose(event -> edge.events().cancel(id,
            conn -> OrderRepository.requestRefunds(conn, id, null, EVENT_CANCELLED, caller.id(),
                requestId),
            stop ->
            stop.cancelled().previousStatus() == EventStatus.DRAFT ? Future.succeededFuture()
                : load(stop.event())))
        .compose(cancelled -> {
          if (cancelled.salesEndAt() == null
              && cancelled.previousStatus() != EventStatus.CANCELLED) {
            return Future.failedFuture(invalidState("An event that is "
                + cancelled.previousStatus().stored() + " cannot be cancelled"));
          }
          if (cancelled.salesEndAt() != null) {
            LogFields.requestId(LOG.atInfo(), requestId).log("Event {} cancelled by {} (was {}); "
                    + "sales ended at {}; {} refund(s) requested", id, caller.id(),
                cancelled.previousStatus().stored(), cancelled.salesEndAt(),
                cancelled.refundsRequested());
            return edge.events().byId(id);
          }
          return edge.orders().requestRefunds(id, null, EVENT_CANCELLED, caller.id(), requestId)
              .recover(t -> {
                LogFields.requestId(LOG.atWarn(), requestId).setCause(t).log("Event {} is "
                    + "cancelled, but requesting its refunds failed", id);
                return Future.failedFuture(Problem.of(503, "refunds-pending", "Try again",
                        "The event is cancelled and its sales are stopped, but not every refund "
                            + "could be requested; cancel again to finish")
                    .with("retryAfterSeconds", 1).toException());
              })
              .compose(requested -> edge.events().byId(id));
        })
        .map(event -> Reply.ok(EventRoutes.publicView(event)));
  }

  private Future<Void> load(JsonObject event) {
    return CoreBus.request(edge.vertx(), LoadEvent.fromJson(event)).mapEmpty();
  }

  private static Throwable invalidState(String detail) {
    return Problem.of(409, "invalid-state", "Not allowed now", detail).toException();
  }
}

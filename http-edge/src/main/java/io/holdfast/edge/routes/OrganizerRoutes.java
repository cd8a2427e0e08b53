package io.holdfast.edge.routes;

import io.holdfast.catalog.EventStatus;
import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.catalog.EventQuery;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.holdfast.edge.http.Responses.handle;

/**
 * What an organizer reads: their events with live counts, and an event's attendees (which its
 * staff read too).
 */
public final class OrganizerRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OrganizerRoutes.class);
  private static final Set<String> ORDER_STATUSES = Set.of("confirmed", "refunded", "cancelled");

  private final Edge edge;
  private final DeliveryOptions core;

  public OrganizerRoutes(Edge edge) {
    this.edge = edge;
    this.core = new DeliveryOptions().setSendTimeout(
        HttpEdgeVerticle.coreTimeoutMillis(edge.config()));
  }

  public void mount(Router router) {
    router.get("/v1/organizer/events").handler(edge.auth()).handler(handle(this::events));
    router.get("/v1/events/:eventId/orders").handler(edge.auth()).handler(handle(this::orders));
  }

  /** An organizer's own events, drafts included (an admin's: everyone's), with live counts. */
  private Future<Reply> events(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx).require(Caller.ORGANIZER, Caller.ADMIN);
    EventQuery query = EventFilters.read(ctx, EventFilters.ALL);
    if (!caller.has(Caller.ADMIN)) {
      query = query.withOrganizer(UUID.fromString(caller.id()));
    }
    Paging paging = Paging.of(ctx, true);
    return edge.events().search(query, paging.at(), paging.id(), paging.limit())
        .compose(this::withCounts)
        .map(events -> Reply.ok(paging.page(events, "startsAt", "id")));
  }

  /**
   * Adds {@code counts: {capacity, available, held, sold}} to each event: from the core when it
   * sells the event; a draft has no inventory (zeros); an event the core does not know (its
   * grid restarted) counts PostgreSQL's live tickets as sold and nothing as held.
   */
  private Future<List<JsonObject>> withCounts(List<JsonObject> events) {
    List<Future<JsonObject>> live = new ArrayList<>();
    for (JsonObject event : events) {
      live.add(EventStatus.of(event.getString("status")) == EventStatus.DRAFT ? Future.succeededFuture(null)
          : CoreBus.request(edge.vertx(), AvailabilityRequest.counts(event.getString("id")), core)
              .map(Availability::toJson)
              .otherwise(t -> {
                LOG.debug("No live counts for event {}: {}", event.getString("id"), t.toString());
                return null;
              }));
    }
    return Future.all(live).compose(all -> {
      List<UUID> unknown = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        if (live.get(i).result() == null && EventStatus.of(events.get(i).getString("status")) != EventStatus.DRAFT) {
          unknown.add(UUID.fromString(events.get(i).getString("id")));
        }
      }
      Future<Map<String, Integer>> sold = unknown.isEmpty() ? Future.succeededFuture(Map.of())
          : edge.orders().liveTickets(unknown);
      return sold.map(tickets -> {
        for (int i = 0; i < events.size(); i++) {
          JsonObject event = events.get(i);
          int capacity = (Integer) event.remove("capacity");
          JsonObject grid = live.get(i).result();
          int taken = tickets.getOrDefault(event.getString("id"), 0);
          event.put("counts", grid != null ? count(grid.getInteger("capacity"),
                  grid.getInteger("available"), grid.getInteger("held"), grid.getInteger("sold"))
              : EventStatus.of(event.getString("status")) == EventStatus.DRAFT ? count(capacity, 0, 0, 0)
              : count(capacity, Math.max(0, capacity - taken), 0, taken));
        }
        return events;
      });
    });
  }

  private static JsonObject count(int capacity, int available, int held, int sold) {
    return new JsonObject().put("capacity", capacity).put("available", available)
        .put("held", held).put("sold", sold);
  }

  /**
   * The attendee list: the event's orders, oldest first; {@code status} filters them. For the
   * event's organizer, admins and the event's staff; to anyone else the event does not exist.
   */
  private Future<Reply> orders(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    String status = ctx.request().getParam("status");
    if (status != null && !ORDER_STATUSES.contains(status)) {
      throw Problems.invalid("status must be one of confirmed, refunded, cancelled")
          .with("errors", new JsonArray().add(new JsonObject()
              .put("field", "status").put("message", "must be one of confirmed, refunded, "
                  + "cancelled"))).toException();
    }
    Paging paging = Paging.of(ctx, true);
    return EventAccess.staffed(edge, caller, id)
        .compose(level -> edge.orders().attendees(id, status, paging.at(), paging.id(),
            paging.limit()))
        .map(list -> Reply.ok(paging.page(list, "createdAt", "orderId")));
  }
}

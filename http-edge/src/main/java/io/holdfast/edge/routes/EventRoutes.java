package io.holdfast.edge.routes;

import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.catalog.EventQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.holdfast.edge.http.Responses.handle;

/** Creating, publishing and reading events. */
public final class EventRoutes {
  static final Set<String> EVENT_FIELDS = Set.of("name", "description", "category",
      "venue", "startsAt", "endsAt", "salesStartAt", "salesEndAt", "currency", "maxPerBuyer",
      "holdSeconds", "sections", "transfersAllowed", "transferDeadline", "rotatingCodes");
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

  private final Edge edge;

  public EventRoutes(Edge edge) {
    this.edge = edge;
  }

  public void mount(Router router) {
    router.post("/v1/events").handler(edge.auth()).handler(handle(this::create));
    router.get("/v1/events").handler(handle(this::list));
    router.get("/v1/events/:eventId").handler(edge.auth().optional()).handler(handle(this::get));
    router.post("/v1/events/:eventId/publish").handler(edge.auth()).handler(handle(this::publish));
  }

  private Future<Reply> create(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx).require(Caller.ORGANIZER);
    JsonObject event = readEvent(BodyReader.of(ctx.body().buffer()));
    return edge.events().insert(UUID.fromString(caller.id()), event)
        .map(created -> Reply.created(publicView(created), "/v1/events/"
            + created.getString("id")));
  }

  /** Reads and validates a whole event body (creating, or editing a draft). */
  JsonObject readEvent(BodyReader body) {
    body.only(EVENT_FIELDS);
    JsonObject e = new JsonObject()
        .put("name", body.string("name", true, 1, 200))
        .put("description", body.has("description") ? body.string("description", false, 0, 5000) : "")
        .put("category", body.has("category") ? body.string("category", false, 0, 64) : "")
        .put("venue", body.has("venue") ? body.string("venue", false, 0, 200) : "")
        .put("currency", body.string("currency", true, 3, 3))
        .put("maxPerBuyer", body.integer("maxPerBuyer", 10, 1, 100))
        .put("holdSeconds", body.integer("holdSeconds", 300, edge.minHoldSeconds(), 1800));
    Instant startsAt = body.instant("startsAt", true);
    Instant endsAt = body.instant("endsAt", true);
    Instant salesStartAt = body.instant("salesStartAt", true);
    Instant salesEndAt = body.has("salesEndAt") ? body.instant("salesEndAt", false) : endsAt;
    if (e.getString("currency") != null && !CURRENCY.matcher(e.getString("currency")).matches()) {
      body.error("currency", "must be an ISO 4217 code such as EUR");
    }
    boolean endsAfterStart = startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
    if (!endsAfterStart) {
      body.error("endsAt", "must be after startsAt");
    }
    if (salesStartAt != null && salesEndAt != null && !salesEndAt.isAfter(salesStartAt)) {
      body.error("salesEndAt", "must be after salesStartAt");
    } else if (endsAfterStart && endsAt != null && salesEndAt != null
        && salesEndAt.isAfter(endsAt)) {
      // Nothing may be sold for an event that is over (a wrong endsAt is its own error).
      body.error("salesEndAt", "must not be after endsAt");
    }
    // The door's rules: whether and until when holders may transfer tickets (no deadline:
    // until the event starts), and whether the door requires rotating codes.
    e.put("transfersAllowed", !body.has("transfersAllowed") || body.bool("transfersAllowed"))
        .put("rotatingCodes", body.has("rotatingCodes") && body.bool("rotatingCodes"));
    Instant transferDeadline = body.has("transferDeadline")
        ? body.instant("transferDeadline", false) : null;
    if (transferDeadline != null && endsAt != null && transferDeadline.isAfter(endsAt)) {
      body.error("transferDeadline", "must not be after endsAt");
    }
    e.put("transferDeadline", str(transferDeadline));
    e.put("startsAt", str(startsAt)).put("endsAt", str(endsAt))
        .put("salesStartAt", str(salesStartAt)).put("salesEndAt", str(salesEndAt))
        .put("sections", SectionReader.read(body));
    body.validate();
    return e;
  }

  /** Public events by start time; the filters are {@link EventFilters}'. */
  private Future<Reply> list(RoutingContext ctx) {
    EventQuery query = EventFilters.read(ctx, EventFilters.PUBLIC);
    Paging paging = Paging.of(ctx, true);
    return edge.events().search(query, paging.at(), paging.id(), paging.limit())
        .map(events -> Reply.ok(paging.page(listed(events), "startsAt", "id")));
  }

  private Future<Reply> get(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    Caller caller = Authenticator.caller(ctx);
    return edge.events().byId(id).compose(event -> {
      // Drafts and cancelled events are private: their organizer (and an admin) sees them.
      if (event == null || !EventFilters.PUBLIC.contains(event.getString("status"))
          && !EventAccess.mayManage(caller, event)) {
        return Future.failedFuture(Problems.notFound("Event " + id).toException());
      }
      return Future.succeededFuture(Reply.ok(publicView(event)));
    });
  }

  /**
   * Opens a draft's sales: in one transaction holding the event's row, it is marked on sale and
   * loaded into the reservation core exactly as it commits (see EventRepository.publish), so a
   * draft edit or a cancel lands wholly before or after. Only a draft publishes: publishing an
   * event on sale again would reload it over what the core sells, and a cancelled or ended one
   * never reopens (409).
   */
  private Future<Reply> publish(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx).require(Caller.ORGANIZER, Caller.ADMIN);
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    return EventAccess.managed(edge, caller, id)
        .compose(found -> edge.events().publish(id, event -> CoreBus.request(edge.vertx(),
            LoadEvent.fromJson(event))))
        .map(published -> {
          if (published.previousStatus() == null) {
            throw Problems.notFound("Event " + id).toException();
          }
          if (!published.published()) {
            throw Problem.of(409, "invalid-state", "Not allowed now", "Only a draft can be "
                + "published; event " + id + " is " + published.previousStatus().stored()).toException();
          }
          return Reply.ok(publicView(published.event()));
        });
  }

  /** Events of a search as a public list shows them: without their summed capacity. */
  static List<JsonObject> listed(List<JsonObject> events) {
    return events.stream().map(event -> {
      event.remove("capacity");
      return publicView(event);
    }).toList();
  }

  static JsonObject publicView(JsonObject event) {
    JsonObject view = event.copy();
    JsonArray sections = view.getJsonArray("sections");
    if (sections != null) {
      sections.forEach(s -> ((JsonObject) s).remove("shards"));
    }
    return view;
  }

  private static String str(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}

package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.ledger.door.Door;
import io.holdfast.ledger.door.DoorList;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.holdfast.edge.http.Responses.handle;

/**
 * An event's check-in lists, their staff and the door's counts, for its organizer and admins:
 * the event's staff are refused (403), to anyone else the event does not exist (404).
 */
public final class CheckinListRoutes {
  private static final String LISTS = "/v1/events/:eventId/checkin-lists";
  private static final String LIST = LISTS + "/:listId";
  private static final Set<String> FIELDS = Set.of("name", "sectionIds", "opensAt", "closesAt",
      "reentry");

  private final Edge edge;
  private final Door door;

  public CheckinListRoutes(Edge edge, Door door) {
    this.edge = edge;
    this.door = door;
  }

  public void mount(Router router) {
    router.post(LISTS).handler(edge.auth()).handler(handle(this::create));
    router.get(LISTS).handler(edge.auth()).handler(handle(this::list));
    router.get(LIST).handler(edge.auth()).handler(handle(this::show));
    router.patch(LIST).handler(edge.auth()).handler(handle(this::edit));
    router.delete(LIST).handler(edge.auth()).handler(handle(this::delete));
    router.post(LIST + "/staff").handler(edge.auth()).handler(handle(this::addStaff));
    router.delete(LIST + "/staff/:userId").handler(edge.auth()).handler(handle(this::removeStaff));
    router.get("/v1/events/:eventId/checkin-counts").handler(edge.auth())
        .handler(handle(this::counts));
  }

  /** {@code {name, sectionIds?, opensAt?, closesAt?, reentry?}} → 201 with the list. */
  private Future<Reply> create(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(FIELDS);
    return managedEvent(ctx, eventId).compose(event -> door.lists().insert(
            read(body, new DoorList(UUID.randomUUID(), eventId, null, null, null, null, false,
                null), event)))
        .map(list -> Reply.created(list.toJson().put("staff", new JsonArray()),
            "/v1/events/" + eventId + "/checkin-lists/" + list.id()));
  }

  /** Every list of the event, oldest first (at most {@code MAX_LISTS}, so no pages). */
  private Future<Reply> list(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    return EventAccess.managing(edge, Authenticator.caller(ctx), eventId)
        .compose(ok -> door.lists().list(eventId))
        .map(lists -> Reply.ok(new JsonObject().put("items", new JsonArray(lists))));
  }

  /** The list with its staff and counts. */
  private Future<Reply> show(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    UUID listId = Paging.uuid(ctx, "listId", "Check-in list");
    return managedList(ctx, eventId, listId).compose(list -> door.listStaff().members(listId)
        .compose(staff -> door.scans().counts(eventId).map(counts -> Reply.ok(list.toJson()
            .put("staff", new JsonArray(staff))
            .put("counts", counts.getJsonObject("lists").getJsonObject(listId.toString()))))));
  }

  /** Any of the fields of {@link #create}; a field given as null clears it. */
  private Future<Reply> edit(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    UUID listId = Paging.uuid(ctx, "listId", "Check-in list");
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(FIELDS);
    return managedEvent(ctx, eventId).compose(event -> door.lists().byId(eventId, listId)
            .compose(list -> list == null ? Future.failedFuture(listNotFound(listId))
                : door.lists().update(read(body, list, event))))
        .compose(list -> list == null ? Future.failedFuture(listNotFound(listId))
            : Future.succeededFuture(Reply.ok(list.toJson())));
  }

  /** 204; a list anything was scanned at stays (409 {@code list-has-scans}). */
  private Future<Reply> delete(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    UUID listId = Paging.uuid(ctx, "listId", "Check-in list");
    return EventAccess.managing(edge, Authenticator.caller(ctx), eventId)
        .compose(ok -> door.lists().delete(eventId, listId))
        .compose(deleted -> switch (deleted) {
          case DELETED -> Future.succeededFuture(Reply.noContent());
          case NOT_FOUND -> Future.failedFuture(listNotFound(listId));
          case HAS_SCANS -> Future.failedFuture(Problem.of(409, "list-has-scans",
              "List has scans", "Tickets were scanned at check-in list " + listId
                  + "; it stays, and its scans with it").toException());
        });
  }

  /** {@code {email}} or {@code {userId}} of an existing account → 201 (200 if added before). */
  private Future<Reply> addStaff(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    UUID listId = Paging.uuid(ctx, "listId", "Check-in list");
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email", "userId"));
    String email = body.string("email", false, 3, 320);
    UUID userId = CheckinRoutes.uuid(body, "userId", "an account ID");
    if (body.has("email") == body.has("userId")) {
      body.error("email", "or userId is required, and only one of them");
    }
    body.validate();
    return managedList(ctx, eventId, listId)
        .compose(list -> email != null ? edge.users().byEmail(email) : edge.users().byId(userId))
        .compose(user -> user == null
            ? Future.failedFuture(Problems.notFound("An account with the "
                + (email != null ? "email " + email : "ID " + userId)).toException())
            : door.listStaff().add(listId, user.id(), UUID.fromString(caller.id())))
        .map(added -> added.created()
            ? Reply.created(added.member(), "/v1/events/" + eventId + "/checkin-lists/"
                + listId + "/staff/" + added.member().getString("userId"))
            : Reply.ok(added.member()));
  }

  private Future<Reply> removeStaff(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    UUID listId = Paging.uuid(ctx, "listId", "Check-in list");
    UUID userId = Paging.uuid(ctx, "userId", "Staff member");
    return managedList(ctx, eventId, listId)
        .compose(list -> door.listStaff().remove(listId, userId))
        .compose(removed -> removed ? Future.succeededFuture(Reply.noContent())
            : Future.failedFuture(Problems.notFound("Staff member " + userId
                + " of check-in list " + listId).toException()));
  }

  /** The door's counts: for the event, per list (with its name), and without a list. */
  private Future<Reply> counts(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    return EventAccess.managing(edge, Authenticator.caller(ctx), eventId)
        .compose(ok -> door.lists().list(eventId))
        .compose(lists -> door.scans().counts(eventId).map(counts -> {
          JsonArray perList = new JsonArray();
          for (JsonObject list : lists) {
            perList.add(new JsonObject().put("listId", list.getString("id"))
                .put("name", list.getString("name"))
                .mergeIn(counts.getJsonObject("lists").getJsonObject(list.getString("id"))));
          }
          return Reply.ok(new JsonObject().put("eventId", eventId.toString())
              .put("event", counts.getJsonObject("event")).put("lists", perList)
              .put("withoutList", counts.getJsonObject("withoutList")));
        }));
  }

  /** The event, with its sections, if the caller manages it (403 to its staff, else 404). */
  private Future<JsonObject> managedEvent(RoutingContext ctx, UUID eventId) {
    return EventAccess.managing(edge, Authenticator.caller(ctx), eventId)
        .compose(ok -> edge.events().byId(eventId));
  }

  private Future<DoorList> managedList(RoutingContext ctx, UUID eventId, UUID listId) {
    return EventAccess.managing(edge, Authenticator.caller(ctx), eventId)
        .compose(ok -> door.lists().byId(eventId, listId))
        .compose(list -> list == null ? Future.failedFuture(listNotFound(listId))
            : Future.succeededFuture(list));
  }

  /** {@code base} with the fields the body gives, validated against the event's sections. */
  private static DoorList read(BodyReader body, DoorList base, JsonObject event) {
    JsonObject raw = body.raw();
    String name = raw.containsKey("name") || base.name() == null
        ? body.string("name", true, 1, 100) : base.name();
    List<String> sections = raw.containsKey("sectionIds") ? sections(body, event)
        : base.sectionIds();
    Instant opensAt = raw.containsKey("opensAt") ? body.instant("opensAt", false)
        : base.opensAt();
    Instant closesAt = raw.containsKey("closesAt") ? body.instant("closesAt", false)
        : base.closesAt();
    boolean reentry = raw.containsKey("reentry") ? body.bool("reentry") : base.reentry();
    if (opensAt != null && closesAt != null && !opensAt.isBefore(closesAt)) {
      body.error("closesAt", "must be later than opensAt (" + opensAt + ")");
    }
    body.validate();
    return new DoorList(base.id(), base.eventId(), name, sections, opensAt, closesAt, reentry,
        base.createdAt());
  }

  /** null (every section), or section IDs of the event, each once. */
  private static List<String> sections(BodyReader body, JsonObject event) {
    if (body.raw().getValue("sectionIds") == null) {
      return null;
    }
    Set<String> known = new HashSet<>();
    event.getJsonArray("sections").forEach(s -> known.add(((JsonObject) s).getString("id")));
    JsonArray given = body.array("sectionIds", 1, known.size());
    if (given == null) {
      return null;
    }
    List<String> ids = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      Object id = given.getValue(i);
      if (!(id instanceof String s) || !known.contains(s)) {
        body.error("sectionIds[" + i + "]", "is not a section of this event");
      } else if (ids.contains(s)) {
        body.error("sectionIds[" + i + "]", "repeats " + s);
      } else {
        ids.add(s);
      }
    }
    return ids;
  }

  private static Throwable listNotFound(UUID listId) {
    return Problems.notFound("Check-in list " + listId).toException();
  }
}

package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.ledger.door.Door;
import io.holdfast.ledger.door.Door.Post;
import io.holdfast.ledger.door.Door.Scanner;
import io.holdfast.ledger.door.ScanRepository.Recorded;
import io.holdfast.ledger.door.ScanResult;
import io.holdfast.ledger.ticket.RotatingCodes;
import io.holdfast.support.ids.Uuids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static io.holdfast.edge.http.Responses.handle;

/**
 * The door: a ticket's code scanned now ({@code POST /v1/checkins}), or a batch of scans an
 * offline scanner made ({@code POST /v1/events/{id}/checkins/batch}). {@link Door} decides who
 * may scan where and what each scan comes to; this turns it into answers.
 */
public final class CheckinRoutes {
  /** The most scans one batch uploads. */
  public static final int MAX_BATCH = 500;
  public static final String BATCH_PATH = "/v1/events/:eventId/checkins/batch";
  /**
   * A batch's largest body: {@link #MAX_BATCH} scans of the longest code with their time and
   * nonce fit in it; anything larger is a 413.
   */
  public static final int BATCH_BODY_LIMIT = MAX_BATCH * 1024;
  /** How far ahead of the platform's clock an offline scanner's clock may be. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Set<String> SCAN_FIELDS = Set.of("code", "scannedAt", "nonce");

  private final Edge edge;
  private final Door door;

  public CheckinRoutes(Edge edge, Door door) {
    this.edge = edge;
    this.door = door;
  }

  public void mount(Router router) {
    router.post("/v1/checkins").handler(edge.auth()).handler(handle(this::checkIn));
    router.post(BATCH_PATH).handler(edge.auth()).handler(handle(this::batch));
  }

  /**
   * {@code {code, eventId?, listId?, nonce?}} → 200 {@code {valid: true, result, ticket}} when
   * admitted (or let back in), otherwise the scan's problem (see {@link #problem}).
   */
  private Future<Reply> checkIn(RoutingContext ctx) {
    Scanner who = scanner(ctx);
    BodyReader body = BodyReader.of(ctx.body().buffer())
        .only(Set.of("code", "eventId", "listId", "nonce"));
    String code = body.string("code", true, 1, 512);
    UUID eventId = uuid(body, "eventId", "an event ID");
    UUID listId = uuid(body, "listId", "a check-in list ID");
    String nonce = body.string("nonce", false, 1, 100);
    body.validate();
    return door.scanNow(who, listId, eventId, code, nonce).compose(r -> {
      if (!r.result().admits()) {
        return Future.failedFuture(problem(r).toException());
      }
      JsonObject answer = new JsonObject().put("valid", true).put("result", r.result().stored())
          .put("ticket", r.ticket()).put("scanId", r.scanId().toString())
          .put("listId", id(r.listId())).put("scannedAt", r.scannedAt().toString());
      if (r.result() == ScanResult.REENTERED) {
        answer.put("reentry", true).put("checkedInAt", r.firstCheckedInAt().toString())
            .put("checkedInListId", id(r.firstListId()))
            .put("checkedInListName", r.firstListName());
      }
      return Future.succeededFuture(Reply.ok(answer));
    });
  }

  /**
   * {@code {listId?, scans: [{code, scannedAt, nonce}]}} → 200 {@code {results}}: one answer
   * per scan, in order, each {@code {index, nonce, result, status, ...}}; an entry that is not a
   * valid scan answers {@code validation} with its {@code errors} and the others go on.
   */
  private Future<Reply> batch(RoutingContext ctx) {
    Scanner who = scanner(ctx);
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("listId", "scans"));
    UUID listId = uuid(body, "listId", "a check-in list ID");
    JsonArray scans = body.array("scans", 1, MAX_BATCH);
    body.validate();
    Future<Post> post = listId == null ? door.atEvent(who, eventId)
        : door.atList(who, listId, eventId);
    JsonArray results = new JsonArray();
    Instant latest = Instant.now().plus(CLOCK_SKEW);
    return post.compose(p -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < scans.size(); i++) {
        int index = i;
        Object entry = scans.getValue(i);
        chain = chain.compose(v -> one(who, p, index, entry, latest).map(answer -> {
          results.add(answer);
          return null;
        }));
      }
      return chain;
    }).map(done -> Reply.ok(new JsonObject().put("eventId", eventId.toString())
        .put("listId", id(listId)).put("results", results)));
  }

  /** The answer to one entry of a batch. */
  private Future<JsonObject> one(Scanner who, Post post, int index, Object entry, Instant latest) {
    JsonObject answer = new JsonObject().put("index", index);
    if (!(entry instanceof JsonObject scan)) {
      return Future.succeededFuture(answer.put("nonce", null).mergeIn(invalid(
          new JsonArray().add(new JsonObject().put("field", "scans[" + index + "]")
              .put("message", "must be an object")))));
    }
    answer.put("nonce", scan.getValue("nonce") instanceof String n ? n : null);
    BodyReader read = BodyReader.of(scan.toBuffer()).only(SCAN_FIELDS);
    String code = read.string("code", true, 1, 512);
    Instant at = read.instant("scannedAt", true);
    String nonce = read.string("nonce", true, 1, 100);
    if (at != null && at.isAfter(latest)) {
      read.error("scannedAt", "is later than the platform's clock allows (at most "
          + CLOCK_SKEW.toMinutes() + " minutes ahead)");
    }
    try {
      read.validate();
    } catch (ProblemException e) {
      return Future.succeededFuture(answer.mergeIn(result("validation",
          e.problem().toJson())));
    }
    return door.scan(who, post, code, nonce, at).map(r -> answer.mergeIn(entry(r)));
  }

  /** A batch's answer to a decided scan: the fields of its problem, or of its admission. */
  private static JsonObject entry(Recorded r) {
    if (!r.result().admits()) {
      JsonObject problem = problem(r).toJson();
      problem.remove("ticket");
      return result(r.result().stored(), problem).put("ticketId", id(r.ticketId()));
    }
    return new JsonObject().put("result", r.result().stored()).put("status", 200)
        .put("scanId", r.scanId().toString()).put("ticketId", id(r.ticketId()))
        .put("listId", id(r.listId())).put("scannedAt", r.scannedAt().toString())
        .put("checkedInAt", r.firstCheckedInAt().toString())
        .put("checkedInListId", id(r.firstListId()))
        .put("checkedInListName", r.firstListName());
  }

  private static JsonObject result(String result, JsonObject problem) {
    return new JsonObject().put("result", result).mergeIn(problem);
  }

  private static JsonObject invalid(JsonArray errors) {
    return result("validation", Problem.of(422, "validation", "Invalid request",
        errors.getJsonObject(0).getString("field") + " "
            + errors.getJsonObject(0).getString("message")).with("errors", errors).toJson());
  }

  /** The problem a refused scan answers, with the times and lists it names. */
  static Problem problem(Recorded r) {
    String ticket = r.ticketId() == null ? "" : "Ticket " + r.ticketId();
    Problem p = switch (r.result()) {
      case ALREADY_CHECKED_IN -> Problem.of(409, "already-checked-in", "Already checked in",
              ticket + " was checked in at " + r.firstCheckedInAt()
                  + (r.firstListName() == null ? "" : " at list " + r.firstListName()))
          .with("checkedInAt", r.firstCheckedInAt().toString())
          .with("listId", id(r.firstListId())).with("listName", r.firstListName());
      case REVOKED -> Problem.of(409, "revoked", "Code revoked",
          ticket + " has a newer code: this one was revoked when it was transferred or reissued");
      case ROTATING_CODE_REQUIRED -> Problem.of(409, "rotating-code-required",
          "Rotating code required", "This event's door takes the rotating code from the "
              + "holder's ticket view, not the printed code");
      case CODE_EXPIRED -> Problem.of(409, "code-expired", "Code expired",
          "The rotating code is not current (codes change every " + RotatingCodes.STEP_SECONDS
              + " seconds; a screenshot stops working): show the live ticket view");
      case INVALID_SIGNATURE -> Problem.of(422, "invalid-signature", "Invalid signature",
          "This code is not signed by the event's key: it was changed, or it is not a ticket "
              + "of the event it names");
      case TICKET_VOID -> Problem.of(409, "ticket-void", "Ticket void",
          ticket + " is void (its order was refunded or cancelled)");
      case WRONG_EVENT -> Problem.of(422, "wrong-event", "Wrong event",
              "This ticket is for event " + r.ticket().getString("eventId"))
          .with("ticketEventId", r.ticket().getString("eventId"));
      case WRONG_ENTRANCE -> Problem.of(422, "wrong-entrance", "Wrong entrance",
              "This list does not admit section " + r.ticket().getString("sectionId"))
          .with("sectionId", r.ticket().getString("sectionId"));
      case NOT_VALID_YET -> Problem.of(409, "not-valid-yet", "Not open yet",
          "The check-in list was not open yet at " + r.scannedAt());
      case LIST_CLOSED -> Problem.of(409, "list-closed", "List closed",
          "The check-in list was closed at " + r.scannedAt());
      case UNKNOWN_TICKET -> Problem.of(404, "unknown-ticket", "Unknown ticket",
          "No ticket you may check in has this code");
      case ADMITTED, REENTERED -> throw new IllegalArgumentException("admitted");
    };
    if (r.ticket() != null) {
      p = p.with("ticket", r.ticket());
    }
    return r.scanId() == null ? p
        : p.with("scanId", r.scanId().toString()).with("scannedAt", r.scannedAt().toString());
  }

  private static Scanner scanner(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    return new Scanner(UUID.fromString(caller.id()), caller.has(Caller.ADMIN));
  }

  private static String id(UUID id) {
    return id == null ? null : id.toString();
  }

  /** An optional field that must be a UUID when given. */
  static UUID uuid(BodyReader body, String field, String what) {
    String raw = body.string(field, false, 1, 64);
    if (raw == null) {
      return null;
    }
    UUID id = Uuids.parse(raw);
    if (id == null) {
      body.error(field, "must be " + what + " (a UUID)");
    }
    return id;
  }
}

package io.holdfast.ledger.door;

import io.holdfast.catalog.StaffRepository;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.ledger.door.CheckinListRepository.Place;
import io.holdfast.ledger.door.ScanRepository.Recorded;
import io.holdfast.ledger.door.ScanRepository.Scan;
import io.holdfast.ledger.ticket.RotatingCodes;
import io.holdfast.ledger.ticket.TicketCodes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The door: who may scan where, and what each scan comes to. Refusals that need no ticket row
 * (an unknown or forged code, a list not open, a rotating code not current) are recorded as
 * they are; every other scan is decided and recorded by one statement ({@link
 * ScanRepository#decide}). A scanner's nonce names one scan: the same scan uploaded again
 * answers what was recorded and changes nothing.
 */
public final class Door {
  private static final Pattern CODE_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private final CheckinListRepository lists;
  private final ListStaffRepository listStaff;
  private final ScanRepository scans;
  private final TicketCodes codes;
  private final StaffRepository staff;
  private final RecentPosts recent = new RecentPosts();

  /** One per edge verticle: it keeps the posts its scanners were let in to (see RecentPosts). */
  public Door(Pool pool, TicketCodes codes) {
    this.lists = new CheckinListRepository(pool);
    this.listStaff = new ListStaffRepository(pool);
    this.scans = new ScanRepository(pool);
    this.codes = codes;
    this.staff = new StaffRepository(pool);
  }

  public CheckinListRepository lists() {
    return lists;
  }

  public ListStaffRepository listStaff() {
    return listStaff;
  }

  public ScanRepository scans() {
    return scans;
  }

  /** Who scans: an account, and whether it is an admin. */
  public record Scanner(UUID userId, boolean admin) {}

  /** Where a scanner works: an event's door, at one of its lists or without one. */
  public record Post(UUID eventId, DoorList list) {}

  /**
   * Which ticket, of which event and in which version, a code names; the only place a code is
   * read. A ticket's current code (with a rotating code's one-time password after a further
   * dot, or without) is found by one index lookup, no signature checked: it is the code the
   * platform stored. Any other code is checked against the event's keys (off the event loop):
   * a valid one names a version the ticket had (revoked since, the decision says), a broken one
   * (a changed byte, a cut, another key) is refused as it is. A text that is no ticket code at
   * all is unknown.
   */
  public Future<CodeCheck> named(String code) {
    int lastDot = code.lastIndexOf('.');
    String otp = lastDot > 0 && code.indexOf('.') < lastDot
        && RotatingCodes.isOtp(code.substring(lastDot + 1)) ? code.substring(lastDot + 1) : null;
    String plain = otp == null ? code : code.substring(0, lastDot);
    return scans.byCode(plain).compose(current -> current != null
        ? Future.succeededFuture(named(current, current.version(), otp))
        : codes.check(plain).compose(check -> {
          if (!check.valid()) {
            // Shaped like a code (two base64url parts) but not one we signed: changed, cut
            // short or forged. Anything else is no code at all.
            return Future.succeededFuture(check.result() == TicketCodes.Result.MALFORMED
                && !CODE_SHAPE.matcher(plain).matches() ? CodeCheck.UNKNOWN
                : CodeCheck.INVALID_SIGNATURE);
          }
          return scans.byTicket(check.payload().ticketId()).map(ticket -> ticket == null
              ? CodeCheck.UNKNOWN : named(ticket, check.payload().version(), otp));
        }));
  }

  private static CodeCheck named(ScanRepository.Coded ticket, int version, String otp) {
    return new CodeCheck.Named(ticket.ticketId(), ticket.eventId(), version, ticket.version(),
        otp, ticket.secret(), ticket.rotatingRequired());
  }

  /**
   * The list's post, if the scanner may scan there: its staff, the event's organizer, an admin.
   * Anyone else working a door of the event is refused (403 {@code not-list-staff}); to the rest
   * the list does not exist. {@code eventId}, when given, is the event the list must be of.
   */
  public Future<Post> atList(Scanner who, UUID listId, UUID eventId) {
    Post known = recent.get(listId, who);
    if (known != null && (eventId == null || eventId.equals(known.eventId()))) {
      return Future.succeededFuture(known);
    }
    return lists.place(listId, who.userId()).compose(place -> {
      if (place == null || eventId != null && !eventId.equals(place.list().eventId())) {
        return Future.failedFuture(listNotFound(listId));
      }
      if (mayScan(who, place)) {
        Post post = new Post(place.list().eventId(), place.list());
        recent.put(listId, who, post);
        return Future.succeededFuture(post);
      }
      return Future.failedFuture(place.doorStaff()
          ? Problem.of(403, "not-list-staff", "Not staff of this list",
              "Only the staff of check-in list " + place.list().name()
                  + ", the event's organizer and admins scan at it").toException()
          : listNotFound(listId));
    });
  }

  /** The event's door without a list, for its staff, organizer and admins; otherwise a 404. */
  public Future<Post> atEvent(Scanner who, UUID eventId) {
    return mayWork(who, eventId).compose(may -> may ? Future.succeededFuture(new Post(eventId, null))
        : Future.failedFuture(Problems.notFound("Event " + eventId).toException()));
  }

  /**
   * A scan with {@code POST /v1/checkins}: at the list {@code listId} when one is named (which
   * ticket the code names is read meanwhile), otherwise at the ticket's event (the door's event
   * {@code eventId} only checked against it), as before lists. A code the scanner may not
   * check in answers unknown, and is not recorded.
   */
  public Future<Recorded> scanNow(Scanner who, UUID listId, UUID eventId, String code,
      String nonce) {
    Instant now = Instant.now();
    Future<CodeCheck> named = named(code);
    if (listId != null) {
      return atList(who, listId, eventId)
          .compose(post -> named.compose(check -> scan(who, post, check, nonce, now)));
    }
    return named.compose(check -> {
      if (check instanceof CodeCheck.Named n) {
        Scan scan = new Scan(n.ticketId(), n.version(), eventId, null, who.userId(), nonce, now,
            n.eventId());
        return mayWork(who, n.eventId()).compose(may -> !may ? unknown()
            : recorded(scan, judge(scan, n)));
      }
      ScanResult refused = ((CodeCheck.Refused) check).result();
      if (eventId == null) {
        return unrecorded(refused);
      }
      Scan scan = new Scan(null, 0, eventId, null, who.userId(), nonce, now, eventId);
      return mayWork(who, eventId).compose(may -> !may ? unknown()
          : recorded(scan, scans.refuse(scan, refused)));
    });
  }

  /**
   * One scan at a post the scanner may work, checked in at {@code at} (an offline scanner's own
   * time): unknown codes and scans outside the list's window are refused as they are, the rest
   * decided atomically.
   */
  public Future<Recorded> scan(Scanner who, Post post, String code, String nonce, Instant at) {
    return named(code).compose(check -> scan(who, post, check, nonce, at));
  }

  private Future<Recorded> scan(Scanner who, Post post, CodeCheck check, String nonce,
      Instant at) {
    if (!(check instanceof CodeCheck.Named n)) {
      Scan refused = new Scan(null, 0, post.eventId(), post.list(), who.userId(), nonce, at,
          post.eventId());
      return recorded(refused, scans.refuse(refused, ((CodeCheck.Refused) check).result()));
    }
    Scan scan = new Scan(n.ticketId(), n.version(), post.eventId(), post.list(), who.userId(),
        nonce, at, post.eventId());
    ScanResult outside = post.list() == null ? null : post.list().window(at);
    return recorded(scan, outside != null ? scans.refuse(scan, outside) : judge(scan, n));
  }

  /** A named ticket's scan: refused when its rotating part fails, otherwise decided. */
  private Future<Recorded> judge(Scan scan, CodeCheck.Named n) {
    ScanResult rotation = n.rotation(scan.at());
    return rotation != null ? scans.refuse(scan, rotation) : scans.decide(scan);
  }

  /**
   * The scan {@code write} recorded, or else (its nonce was recorded before) the one recorded
   * then; a ticket that is not there after all (nothing recorded, no nonce) is unknown.
   */
  private Future<Recorded> recorded(Scan scan, Future<Recorded> write) {
    return write.compose(r -> r != null || scan.nonce() == null ? Future.succeededFuture(r)
            : scans.byNonce(scan.scannerId(), scan.nonce()))
        .compose(r -> r != null ? Future.succeededFuture(r)
            : scans.refuse(new Scan(null, 0, scan.doorEventId(), scan.list(), scan.scannerId(),
                scan.nonce(), scan.at(), scan.countedFor()), ScanResult.UNKNOWN_TICKET));
  }

  /** Whether the scanner works the event's door: its staff, its organizer, an admin. */
  private Future<Boolean> mayWork(Scanner who, UUID eventId) {
    return staff.access(eventId, who.userId()).map(a -> a.exists() && (who.admin()
        || a.staff() || who.userId().equals(a.organizerId())));
  }

  private static boolean mayScan(Scanner who, Place place) {
    return who.admin() || place.listStaff() || who.userId().equals(place.organizerId());
  }

  /** An unknown code, not recorded: the scanner works no door it could be counted at. */
  private static Future<Recorded> unknown() {
    return unrecorded(ScanResult.UNKNOWN_TICKET);
  }

  /** A refusal not recorded: there is no door it could be counted at. */
  private static Future<Recorded> unrecorded(ScanResult result) {
    return Future.succeededFuture(new Recorded(null, result, null, null, null, null, null, null,
        null));
  }

  private static Throwable listNotFound(UUID listId) {
    return Problems.notFound("Check-in list " + listId).toException();
  }
}

package io.holdfast.ledger.door;

import io.holdfast.ledger.TicketStatus;
import io.holdfast.ledger.order.OrderRepository;
import io.holdfast.support.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * Scans at the door ({@code scans}), and the check-in they may make: a ticket's first scan
 * turns it from valid to used in the same statement that records the scan.
 */
public final class ScanRepository {
  /** A recorded scan as its answer needs it; the ticket's own columns follow (null if none). */
  private static final String ANSWER = "r.id as scan_id, r.result, r.ticket_id, r.list_id, "
      + "r.scanned_at, r.first_checked_in_at, r.first_list_id, fl.name as first_list_name";

  /**
   * One scan of a known ticket, decided and recorded at once. The ticket's row is locked first,
   * so of parallel scans of one ticket each sees the one before it: exactly one finds it valid
   * and admits it, the others are duplicates naming its time and list. The scan is inserted
   * before the ticket changes, and the change depends on the insert: a nonce the scanner used
   * already (a repeated upload, even one racing this) inserts nothing and changes nothing.
   * $1 scan, $2 ticket, $3 the door's event (null: the ticket's own), $4 list, $5 the list's
   * sections (null: all), $6 re-entry, $7 scanner, $8 nonce, $9 check-in time, $10 the event the
   * scan is counted for, $11 the version the scanned code names (another than the ticket's:
   * revoked).
   */
  private static final String DECIDE = "with cur as (select * from tickets where id = $2 "
      + "for no key update), verdict as (select cur.*, case "
      + "when $3::uuid is not null and cur.event_id <> $3::uuid then 'wrong-event' "
      + "when cur.version <> $11::int then 'revoked' "
      + "when $5::text[] is not null and not (cur.section_id = any($5::text[])) "
      + "then 'wrong-entrance' "
      + "when cur.status = " + TicketStatus.VOID.sql() + " then 'ticket-void' "
      + "when cur.status = " + TicketStatus.VALID.sql() + " then 'admitted' "
      + "when $6::boolean then 'reentered' else 'already-checked-in' end as verdict from cur), "
      + "r as (insert into scans (id, event_id, list_id, ticket_id, scanner_id, nonce, "
      + "scanned_at, result, first_checked_in_at, first_list_id) "
      + "select $1, $10, $4, v.id, $7, $8, $9, v.verdict, "
      + "case when v.verdict = 'admitted' then $9 else v.checked_in_at end, "
      + "case when v.verdict = 'admitted' then $4::uuid else v.checked_in_list_id end "
      + "from verdict v on conflict (scanner_id, nonce) do nothing returning *), "
      + "admit as (update tickets t set status = " + TicketStatus.USED.sql() + ", "
      + "checked_in_at = r.scanned_at, checked_in_list_id = r.list_id from r "
      + "where t.id = r.ticket_id and r.result = 'admitted' returning t.id) "
      + "select " + ANSWER + ", v.id, v.order_id, v.event_id, v.section_id, v.slot, v.seat, "
      + "case when r.result = 'admitted' then " + TicketStatus.USED.sql() + " else v.status end "
      + "as status, v.code, v.version, v.created_at, r.first_checked_in_at as checked_in_at "
      + "from r join verdict v on v.id = r.ticket_id "
      + "left join checkin_lists fl on fl.id = r.first_list_id";

  /** A refusal decided without the ticket's row (unknown code, outside the list's window). */
  private static final String REFUSE = "with r as (insert into scans (id, event_id, list_id, "
      + "ticket_id, scanner_id, nonce, scanned_at, result) values ($1, $2, $3, "
      // A code may name a ticket that is not there (nothing to count it against).
      + "(select id from tickets where id = $4), $5, $6, $7, $8) "
      + "on conflict (scanner_id, nonce) do nothing returning *) select " + ANSWER + ", t.* "
      + "from r left join tickets t on t.id = r.ticket_id "
      + "left join checkin_lists fl on fl.id = r.first_list_id";

  /** What the door reads of a ticket before deciding; by its code or by its ID. */
  private static final String CODED = "select t.id, t.event_id, t.version, t.rotating_secret, "
      + "e.rotating_codes from tickets t join events e on e.id = t.event_id where ";

  private final Pool pool;

  public ScanRepository(Pool pool) {
    this.pool = pool;
  }

  /** A scan as the door decided it. */
  public record Recorded(UUID scanId, ScanResult result, UUID ticketId, UUID listId,
      Instant scannedAt, Instant firstCheckedInAt, UUID firstListId, String firstListName,
      JsonObject ticket) {}

  /** The parameters of one scan; {@code version} is the one its code names. */
  public record Scan(UUID ticketId, int version, UUID doorEventId, DoorList list, UUID scannerId,
      String nonce, Instant at, UUID countedFor) {}

  /**
   * A ticket as the door reads it before deciding: its version, and its current rotating
   * secret with whether its event's door takes rotating codes only.
   */
  public record Coded(UUID ticketId, UUID eventId, int version, byte[] secret,
      boolean rotatingRequired) {}

  /** The ticket whose current code this is, or null: one index lookup. */
  public Future<Coded> byCode(String code) {
    return pool.preparedQuery(CODED + "t.code = $1").execute(Tuple.of(code))
        .map(ScanRepository::coded);
  }

  /** The ticket, or null. */
  public Future<Coded> byTicket(UUID ticketId) {
    return pool.preparedQuery(CODED + "t.id = $1").execute(Tuple.of(ticketId))
        .map(ScanRepository::coded);
  }

  private static Coded coded(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Coded(r.getUUID("id"), r.getUUID("event_id"), r.getInteger("version"),
        r.getBuffer("rotating_secret").getBytes(), r.getBoolean("rotating_codes"));
  }

  /**
   * Decides and records the scan of a ticket that exists; null when the scanner's nonce was
   * recorded already (read it with {@link #byNonce}).
   */
  public Future<Recorded> decide(Scan s) {
    DoorList list = s.list();
    return pool.preparedQuery(DECIDE)
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), s.ticketId(), s.doorEventId(),
            list == null ? null : list.id(),
            list == null || list.sectionIds() == null ? null
                : list.sectionIds().toArray(new String[0]),
            list != null && list.reentry(), s.scannerId(), s.nonce(), Rows.utc(s.at()),
            s.countedFor(), s.version()}))
        .map(ScanRepository::first);
  }

  /** Records a refusal; null when the scanner's nonce was recorded already. */
  public Future<Recorded> refuse(Scan s, ScanResult result) {
    return pool.preparedQuery(REFUSE)
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), s.countedFor(),
            s.list() == null ? null : s.list().id(), s.ticketId(), s.scannerId(), s.nonce(),
            Rows.utc(s.at()), result.stored()}))
        .map(ScanRepository::first);
  }

  /** The scan the scanner recorded under this nonce, or null. */
  public Future<Recorded> byNonce(UUID scannerId, String nonce) {
    return pool.preparedQuery("select " + ANSWER + ", t.* from scans r "
            + "left join tickets t on t.id = r.ticket_id "
            + "left join checkin_lists fl on fl.id = r.first_list_id "
            + "where r.scanner_id = $1 and r.nonce = $2")
        .execute(Tuple.of(scannerId, nonce))
        .map(ScanRepository::first);
  }

  /**
   * Scans per list and result, for one event, the live tickets each list covers, and the
   * event's live tickets and those checked in (read through the index of live tickets).
   */
  public Future<JsonObject> counts(UUID eventId) {
    return pool.preparedQuery("select list_id, result, count(*) as n from scans "
            + "where event_id = $1 group by list_id, result")
        .execute(Tuple.of(eventId))
        .compose(scans -> pool.preparedQuery("select l.id, (select count(*) from tickets t "
                + "where t.event_id = l.event_id and t.status <> " + TicketStatus.VOID.sql()
                + " and (l.section_ids is null or t.section_id = any(l.section_ids))) as covered,"
                + " null::bigint as checked_in from checkin_lists l where l.event_id = $1 "
                + "union all select null, count(*), count(*) filter (where status = "
                + TicketStatus.USED.sql() + ") from tickets where event_id = $1 and status <> "
                + TicketStatus.VOID.sql())
            .execute(Tuple.of(eventId))
            .map(tickets -> DoorCounts.of(scans, tickets)));
  }

  private static Recorded first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Recorded(r.getUUID("scan_id"), ScanResult.of(r.getString("result")),
        r.getUUID("ticket_id"), r.getUUID("list_id"), DoorList.instant(r, "scanned_at"),
        DoorList.instant(r, "first_checked_in_at"), r.getUUID("first_list_id"),
        r.getString("first_list_name"), r.getUUID("id") == null ? null : doorTicket(r));
  }

  /** The ticket as the door shows it: without its code, which is the holder's. */
  private static JsonObject doorTicket(Row r) {
    JsonObject ticket = OrderRepository.ticket(r);
    ticket.remove("code");
    return ticket;
  }

}

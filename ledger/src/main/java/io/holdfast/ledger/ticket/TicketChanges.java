package io.holdfast.ledger.ticket;

import io.holdfast.contracts.Topics;
import io.holdfast.contracts.topic.TicketEvent;
import io.holdfast.contracts.topic.TicketsTopic;
import io.holdfast.ledger.TicketStatus;
import io.holdfast.ledger.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The changes a holder makes to a ticket that replace its code: a transfer to someone else and a
 * reissue. Each is one transaction, conditional on the version and status the caller saw (of
 * two racing, exactly one wins): version + 1, a new rotating secret, the code null until it is
 * signed again after the commit ({@link TicketCodes#ensureSigned(List)}), and the old version
 * revoked.
 */
public final class TicketChanges {
  /** 32 bytes of PostgreSQL's strong randomness, as V23's default makes them. */
  private static final String NEW_SECRET = "decode(replace(gen_random_uuid()::text, '-', '') "
      + "|| replace(gen_random_uuid()::text, '-', ''), 'hex')";
  private static final String TICKET = "select t.id, t.event_id, t.version, t.status, "
      + "t.holder_id, e.transfers_allowed, e.transfer_deadline, e.starts_at from tickets t "
      + "join events e on e.id = t.event_id where t.id = $1 and t.holder_id = $2";
  /** Conditional on what the caller saw: a change that came first makes it a no-op. */
  private static final String CHANGE = "update tickets set holder_id = $3, "
      + "version = version + 1, code = null, rotating_secret = " + NEW_SECRET
      + " where id = $1 and version = $2 and status = " + TicketStatus.VALID.sql()
      + " returning version";

  /** Why a change was refused, or that it was made. */
  public enum Outcome {
    DONE,
    /** No such ticket of this holder. */
    NOT_FOUND,
    /** Checked in already: it cannot change hands or codes any more. */
    USED,
    /** Refunded. */
    VOID,
    /** The recipient holds it already. */
    TO_SELF,
    /** The organizer turned transfers off for the event. */
    TRANSFERS_OFF,
    /** Past the event's transfer deadline (by default its start). */
    PAST_DEADLINE,
    /** Another change of the ticket committed first; nothing changed. */
    CHANGED
  }

  /** A ticket as a change finds it. */
  private record Found(UUID eventId, int version, TicketStatus status, boolean transfersAllowed,
      Instant deadline) {}

  private final Pool pool;

  public TicketChanges(Pool pool) {
    this.pool = pool;
  }

  /**
   * Whether the holder may transfer the ticket now, to anyone but {@code toUserId} (null: not
   * known yet): a check made before the recipient's account is looked up or created.
   */
  public Future<Outcome> transferable(UUID ticketId, UUID holderId, UUID toUserId, Instant now) {
    return find(pool, ticketId, holderId).map(found -> transferOutcome(found, holderId,
        toUserId, now));
  }

  /**
   * Transfers the ticket from {@code holderId} to {@code toUserId}, checked again in the
   * transaction; its event carries {@code requestId}, the request that asked.
   */
  public Future<Outcome> transfer(UUID ticketId, UUID holderId, UUID toUserId, Instant now,
      String requestId) {
    return pool.withTransaction(conn -> find(conn, ticketId, holderId).compose(found -> {
      Outcome refused = transferOutcome(found, holderId, toUserId, now);
      if (refused != Outcome.DONE) {
        return Future.succeededFuture(refused);
      }
      return change(conn, ticketId, found, toUserId, Revocation.TRANSFERRED).compose(version ->
          version == null ? Future.succeededFuture(Outcome.CHANGED)
              : Outbox.add(conn, Topics.TICKETS, found.eventId().toString(),
                  TicketsTopic.encode(new TicketEvent.Transferred(ticketId, found.eventId(),
                      version, holderId, toUserId)), requestId).map(Outcome.DONE));
    }));
  }

  /** A new version and code of the holder's valid ticket; the old code is revoked. */
  public Future<Outcome> reissue(UUID ticketId, UUID holderId) {
    return pool.withTransaction(conn -> find(conn, ticketId, holderId).compose(found -> {
      Outcome refused = statusOutcome(found);
      if (refused != Outcome.DONE) {
        return Future.succeededFuture(refused);
      }
      return change(conn, ticketId, found, holderId, Revocation.REISSUED)
          .map(version -> version == null ? Outcome.CHANGED : Outcome.DONE);
    }));
  }

  /** The new version, or null when a change committed first. */
  private static Future<Integer> change(SqlClient conn, UUID ticketId, Found found, UUID holder,
      Revocation reason) {
    return conn.preparedQuery(CHANGE).execute(Tuple.of(ticketId, found.version(), holder))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          int version = rows.iterator().next().getInteger("version");
          return Revocations.add(conn, List.of(new Revocations.Revoked(ticketId, found.version(),
              found.eventId())), reason).map(version);
        });
  }

  private static Future<Found> find(SqlClient client, UUID ticketId, UUID holderId) {
    return client.preparedQuery(TICKET).execute(Tuple.of(ticketId, holderId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      OffsetDateTime deadline = r.getOffsetDateTime("transfer_deadline");
      return new Found(r.getUUID("event_id"), r.getInteger("version"),
          TicketStatus.of(r.getString("status")), r.getBoolean("transfers_allowed"),
          (deadline != null ? deadline : r.getOffsetDateTime("starts_at")).toInstant());
    });
  }

  private static Outcome statusOutcome(Found found) {
    if (found == null) {
      return Outcome.NOT_FOUND;
    }
    return switch (found.status()) {
      case USED -> Outcome.USED;
      case VOID -> Outcome.VOID;
      case VALID -> Outcome.DONE;
    };
  }

  private static Outcome transferOutcome(Found found, UUID holderId, UUID toUserId, Instant now) {
    Outcome status = statusOutcome(found);
    if (status != Outcome.DONE) {
      return status;
    }
    if (holderId.equals(toUserId)) {
      return Outcome.TO_SELF;
    }
    if (!found.transfersAllowed()) {
      return Outcome.TRANSFERS_OFF;
    }
    return now.isBefore(found.deadline()) ? Outcome.DONE : Outcome.PAST_DEADLINE;
  }
}

package io.holdfast.notify;

import io.holdfast.support.jobs.HousekeepingVerticle.Chore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The mail_messages table. Enqueues mail in PostgreSQL, on the caller's connection, so a mail is
 * owed exactly when the change it tells of committed; the notification worker claims what is
 * due, and records each attempt's outcome.
 *
 * <p>A claim is a lease: it moves the row's next attempt a lease's length ahead and counts the
 * attempt, in one statement over {@code FOR UPDATE SKIP LOCKED}, so no other sender sees the
 * row as due while this one sends it. The outcome is written only if the row is still at that
 * attempt: a sender that outlived its lease (the row was claimed again) changes nothing.
 */
public final class Mailbox {
  /** Mail sent a week ago: kept that long to answer "did they get it?". */
  public static final Chore SENT_MAIL = new Chore("sent mail", "delete from mail_messages "
      + "where id in (select id from mail_messages where status = 'sent' "
      + "and sent_at < now() - interval '7 days' order by sent_at limit $1)");

  private static final String INSERT = "insert into mail_messages (id, dedup_key, template, "
      + "recipient, data) values ($1, $2, $3, $4, $5) on conflict (dedup_key) do nothing";
  private static final String CLAIM = """
      update mail_messages m
      set attempts = m.attempts + 1,
          next_attempt_at = now() + ($2::bigint * interval '1 millisecond')
      from (select id from mail_messages
            where status = 'pending' and next_attempt_at <= now()
            order by next_attempt_at limit $1 for update skip locked) due
      where m.id = due.id
      returning m.id, m.dedup_key, m.template, m.recipient, m.data, m.attempts""";
  private static final String SENT = """
      update mail_messages set status = 'sent', sent_at = now(), last_error = null
      where id = $1 and attempts = $2 and status = 'pending'""";
  private static final String RETRY = """
      update mail_messages
      set next_attempt_at = now() + ($3::bigint * interval '1 millisecond'), last_error = $4
      where id = $1 and attempts = $2 and status = 'pending'""";
  private static final String FAILED = """
      update mail_messages set status = 'failed', last_error = $3
      where id = $1 and attempts = $2 and status = 'pending'""";

  /** A mail claimed for sending: {@code attempts} counts this one. */
  public record Claimed(UUID id, String dedupKey, String template, String recipient,
      JsonObject data, int attempts) {}

  private Mailbox() {}

  /** True when enqueued, false when a mail with the same dedup key was owed already. */
  public static Future<Boolean> enqueue(SqlClient conn, Mail mail) {
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(UUID.randomUUID(), mail.dedupKey(), mail.template(), mail.recipient(),
            mail.data()))
        .map(rs -> rs.rowCount() == 1);
  }

  /** Claims up to {@code batch} due mails, each leased for {@code leaseMillis}; oldest due first. */
  public static Future<List<Claimed>> claim(SqlClient client, int batch, long leaseMillis) {
    return client.preparedQuery(CLAIM).execute(Tuple.of(batch, leaseMillis)).map(rows -> {
      List<Claimed> claimed = new ArrayList<>(rows.size());
      for (Row r : rows) {
        claimed.add(new Claimed(r.getUUID("id"), r.getString("dedup_key"),
            r.getString("template"), r.getString("recipient"), toJson(r.getValue("data")),
            r.getInteger("attempts")));
      }
      return claimed;
    });
  }

  /** Records that {@code mail} went out; false when its lease was lost meanwhile. */
  public static Future<Boolean> sent(SqlClient client, Claimed mail) {
    return client.preparedQuery(SENT).execute(Tuple.of(mail.id(), mail.attempts()))
        .map(rs -> rs.rowCount() == 1);
  }

  /** Records a failed attempt and when to try again. */
  public static Future<Boolean> retry(SqlClient client, Claimed mail, long delayMillis,
      String error) {
    return client.preparedQuery(RETRY)
        .execute(Tuple.of(mail.id(), mail.attempts(), delayMillis, error))
        .map(rs -> rs.rowCount() == 1);
  }

  /** Gives up on {@code mail}; true when this call did (so the caller logs it once). */
  public static Future<Boolean> failed(SqlClient client, Claimed mail, String error) {
    return client.preparedQuery(FAILED).execute(Tuple.of(mail.id(), mail.attempts(), error))
        .map(rs -> rs.rowCount() == 1);
  }

  private static JsonObject toJson(Object value) {
    if (value instanceof JsonObject json) {
      return json;
    }
    return value == null ? new JsonObject() : new JsonObject(value.toString());
  }
}

package io.holdfast.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Enqueues mail in PostgreSQL (the mail_messages table), on the caller's connection, so a mail is
 * owed exactly when the change it tells of committed. The notification worker sends it.
 */
public final class Mailbox {
  private static final String INSERT = "insert into mail_messages (id, dedup_key, template, "
      + "recipient, data) values ($1, $2, $3, $4, $5) on conflict (dedup_key) do nothing";

  private Mailbox() {}

  /** True when enqueued, false when a mail with the same dedup key was owed already. */
  public static Future<Boolean> enqueue(SqlClient conn, Mail mail) {
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(UUID.randomUUID(), mail.dedupKey(), mail.template(), mail.recipient(),
            mail.data()))
        .map(rs -> rs.rowCount() == 1);
  }
}

package io.holdfast.app;

import io.holdfast.support.jobs.HousekeepingVerticle;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.infra.TestInfrastructure;
import io.holdfast.support.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("Housekeeping")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousekeepingTest {
  private final Vertx vertx = Vertx.vertx();
  private Pool pool;

  @BeforeAll
  void start() {
    JsonObject config = TestInfrastructure.config();
    Database.migrate(vertx, config).await();
    pool = Database.pool(vertx, config);
  }

  @AfterAll
  void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private void sql(String statement, Object... params) {
    pool.preparedQuery(statement).execute(Tuple.wrap(params)).await();
  }

  private long count(String statement, Object... params) {
    return pool.preparedQuery(statement).execute(Tuple.wrap(params)).await()
        .iterator().next().getLong(0);
  }

  private UUID token(UUID family, UUID parent, UUID user, String expiresIn) {
    UUID id = UUID.randomUUID();
    sql("insert into refresh_tokens (id, token_hash, family_id, parent_id, user_id, expires_at) "
        + "values ($1, $2, $3, $4, $5, now() + $6::text::interval)", id,
        io.vertx.core.buffer.Buffer.buffer(UUID.randomUUID().toString()), family, parent, user,
        expiresIn);
    return id;
  }

  @Test
  @DisplayName("deletes sent outbox rows, webhook signatures and sessions a day past their use, "
      + "mail a week after it was sent, and nothing that may still matter")
  void deletesOnlyWhatIsDone() {
    String key = "housekeeping-" + UUID.randomUUID();
    // The unsent row is one a relay could publish (other test classes share this database):
    // to a real topic, as a record the payment-worker skips.
    sql("insert into outbox (topic, key, payload, sent_at) values "
        + "('payments', $1, 'old', now() - interval '2 days'), "
        + "('payments', $1, 'recent', now()), ('payments', $1, '{}', null)", key);
    String oldSignature = "t=1,v1=" + UUID.randomUUID();
    String newSignature = "t=2,v1=" + UUID.randomUUID();
    sql("insert into webhook_signatures (signature, received_at) values "
        + "($1, now() - interval '2 days'), ($2, now())", oldSignature, newSignature);
    UUID user = UUID.randomUUID();
    sql("insert into users (id, email, name, password_hash, roles) values "
        + "($1, $2, 'H', 'none', '{buyer}')", user, "house-" + user + "@test.holdfast.dev");
    // A family long over: two tokens, the second the first's child.
    UUID over = UUID.randomUUID();
    token(over, token(over, null, user, "-3 days"), user, "-2 days");
    // A live family whose first, spent token expired long ago: it must stay to catch reuse.
    UUID live = UUID.randomUUID();
    token(live, token(live, null, user, "-3 days"), user, "1 day");

    // Mail sent 8 days and a minute ago, and mail still owed as old (not due: no sender takes it).
    sql("insert into mail_messages (id, dedup_key, template, recipient, status, sent_at, "
        + "created_at, next_attempt_at) values "
        + "($1, $2 || ':old', 'verify-email', 'h@example.org', 'sent', now() - interval '8 days', "
        + "now() - interval '8 days', now()), "
        + "($3, $2 || ':recent', 'verify-email', 'h@example.org', 'sent', now(), now(), now()), "
        + "($4, $2 || ':owed', 'verify-email', 'h@example.org', 'pending', null, "
        + "now() - interval '8 days', now() + interval '1 day')",
        UUID.randomUUID(), key, UUID.randomUUID(), UUID.randomUUID());

    Map<String, Integer> deleted = HousekeepingVerticle.run(pool, Platform.CHORES).await();

    assertThat(deleted).containsOnlyKeys("sent outbox rows", "webhook signatures",
        "expired sessions", "expired account tokens", "sent mail");
    assertThat(count("select count(*) from mail_messages where dedup_key like $1", key + ":%"))
        .isEqualTo(2);
    assertThat(count("select count(*) from mail_messages where dedup_key = $1", key + ":old"))
        .isZero();
    assertThat(count("select count(*) from outbox where key = $1", key)).isEqualTo(2);
    assertThat(count("select count(*) from outbox where key = $1 and payload = 'old'", key))
        .isZero();
    assertThat(count("select count(*) from webhook_signatures where signature = any($1)",
        (Object) new String[] {oldSignature, newSignature})).isEqualTo(1);
    assertThat(count("select count(*) from webhook_signatures where signature = $1",
        newSignature)).isEqualTo(1);
    assertThat(count("select count(*) from refresh_tokens where family_id = $1", over)).isZero();
    assertThat(count("select count(*) from refresh_tokens where family_id = $1", live))
        .isEqualTo(2);
    // A second run finds nothing more of these.
    HousekeepingVerticle.run(pool, Platform.CHORES).await();
    assertThat(count("select count(*) from refresh_tokens where family_id = $1", live))
        .isEqualTo(2);
    sql("delete from outbox where key = $1", key);
    sql("delete from mail_messages where dedup_key like $1", key + ":%");
  }
}

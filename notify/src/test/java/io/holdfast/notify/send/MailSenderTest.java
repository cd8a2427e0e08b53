package io.holdfast.notify.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.holdfast.infra.LoopbackPorts;
import io.holdfast.infra.MailServer;
import io.holdfast.infra.TestInfrastructure;
import io.holdfast.notify.Mail;
import io.holdfast.notify.Mailbox;
import io.holdfast.notify.template.MailTemplates;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.testkit.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sender against real PostgreSQL and a real SMTP server (GreenMail), or none at all. */
@ExtendWith(VertxExtension.class)
@DisplayName("The mail sender")
class MailSenderTest {
  private Vertx vertx;
  private Pool pool;
  private MailServer smtp;
  private final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    JsonObject config = TestInfrastructure.config();
    Await.await(Database.migrate(vertx, config));
    pool = Database.pool(vertx, config);
    // Each test owns the table: a sender takes whatever is due.
    Await.await(pool.query("delete from mail_messages").execute());
    smtp = TestInfrastructure.mail();
    smtp.purge();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (String id : deployments) {
      Await.await(vertx.undeploy(id));
    }
    Await.await(pool.close());
  }

  /** A sender of this test's, quick to poll and to retry, sending to {@code smtpUrl}. */
  private void deploySender(String smtpUrl, int maxAttempts, long retryBaseMillis, int batch)
      throws Exception {
    deploySender(smtpUrl, maxAttempts, retryBaseMillis, batch, MailAttachments.NONE);
  }

  private void deploySender(String smtpUrl, int maxAttempts, long retryBaseMillis, int batch,
      MailAttachments attachments) throws Exception {
    JsonObject config = TestInfrastructure.config()
        .put(Settings.SMTP_URL.key(), smtpUrl)
        .put(MailSenderVerticle.INTERVAL_MILLIS.key(), 50)
        .put(MailSenderVerticle.MAX_ATTEMPTS.key(), maxAttempts)
        .put(MailSenderVerticle.RETRY_BASE_MILLIS, retryBaseMillis)
        .put(MailSenderVerticle.RETRY_CAP_MILLIS, retryBaseMillis * 4)
        .put(MailSenderVerticle.BATCH, batch);
    deployments.add(Await.await(vertx.deployVerticle(() -> MailSenderVerticle.attaching(
        attachments), new DeploymentOptions().setConfig(config))));
  }

  private Mail mail(String to) {
    return new Mail("test:" + UUID.randomUUID(), MailTemplates.VERIFY_EMAIL, to,
        new JsonObject().put("name", "Ada & Zoë Co").put("link", "http://127.0.0.1:8080/v?t=1"));
  }

  private Row row(String dedupKey) throws Exception {
    return Await.await(pool.preparedQuery("select status, attempts, last_error, sent_at, "
        + "next_attempt_at from mail_messages where dedup_key = $1")
        .execute(Tuple.of(dedupKey))).iterator().next();
  }

  private String lastError(String dedupKey) {
    return Await.get(pool.preparedQuery("select last_error from mail_messages "
        + "where dedup_key = $1").execute(Tuple.of(dedupKey))).iterator().next().getString(0);
  }

  private List<MimeMessage> caughtFor(String to) {
    return smtp.messages().stream().filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(to);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  @DisplayName("sends a due mail once, with its text and HTML parts, and marks it sent")
  void sendsOnce() throws Exception {
    String to = "ada-" + UUID.randomUUID() + "@example.org";
    Mail mail = mail(to);
    assertThat(Await.await(Mailbox.enqueue(pool, mail))).isTrue();
    assertThat(Await.await(Mailbox.enqueue(pool, mail))).as("the same dedup key again").isFalse();
    deploySender(smtp.url(), 3, 1000, 10);

    assertThat(Await.eventually(Duration.ofSeconds(15), () -> caughtFor(to).size() == 1)).isTrue();
    MimeMessage caught = caughtFor(to).get(0);
    assertThat(caught.getSubject()).isEqualTo("Confirm your email address for Holdfast");
    assertThat(caught.getFrom()[0].toString()).contains("tickets@holdfast.local");
    Multipart parts = (Multipart) caught.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(0).getContent().toString()).contains("Hello Ada & Zoë Co",
        "http://127.0.0.1:8080/v?t=1");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(parts.getBodyPart(1).getContent().toString()).contains("Hello Ada &amp; Zoë Co");
    assertThat(Await.eventually(Duration.ofSeconds(5),
        () -> "sent".equals(Await.get(pool.preparedQuery("select status from mail_messages "
            + "where dedup_key = $1").execute(Tuple.of(mail.dedupKey()))).iterator().next()
            .getString(0)))).isTrue();
    Row sent = row(mail.dedupKey());
    assertThat(sent.getInteger("attempts")).isEqualTo(1);
    assertThat(sent.getOffsetDateTime("sent_at")).isNotNull();
    Thread.sleep(300);
    assertThat(caughtFor(to)).hasSize(1);
  }

  @Test
  @DisplayName("a template's attachments go out with the mail, after its text and HTML")
  void attachmentsGoOut() throws Exception {
    String to = "attached-" + UUID.randomUUID() + "@example.org";
    Mail mail = new Mail("test:" + UUID.randomUUID(), MailTemplates.ORDER_CONFIRMED, to,
        new JsonObject().put("name", "Ada").put("eventName", "Night").put("orderId", "o-1"));
    Await.await(Mailbox.enqueue(pool, mail));
    deploySender(smtp.url(), 3, 1000, 10, claimed -> Future.succeededFuture(List.of(
        MailAttachment.create().setName("tickets-" + claimed.data().getString("orderId")
            + ".pdf").setContentType("application/pdf").setData(Buffer.buffer("%PDF-1.7 x")))));

    assertThat(Await.eventually(Duration.ofSeconds(15), () -> caughtFor(to).size() == 1)).isTrue();
    Multipart outer = (Multipart) caughtFor(to).get(0).getContent();
    assertThat(outer.getCount()).isEqualTo(2);
    Multipart alternatives = (Multipart) outer.getBodyPart(0).getContent();
    assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(outer.getBodyPart(1).getContentType()).startsWith("application/pdf");
    assertThat(outer.getBodyPart(1).getFileName()).isEqualTo("tickets-o-1.pdf");
  }

  @Test
  @DisplayName("retries with a growing wait while the SMTP server refuses, then sends once it is back")
  void retriesUntilTheServerIsBack() throws Exception {
    int port = LoopbackPorts.free();
    String to = "patient-" + UUID.randomUUID() + "@example.org";
    Mail mail = mail(to);
    Await.await(Mailbox.enqueue(pool, mail));
    deploySender("smtp://127.0.0.1:" + port, 20, 300, 10);

    // When each attempt was made, as seen from outside.
    List<Long> attemptsAt = new ArrayList<>();
    int seen = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (seen < 4 && System.nanoTime() < deadline) {
      int attempts = row(mail.dedupKey()).getInteger("attempts");
      if (attempts > seen) {
        attemptsAt.add(System.nanoTime());
        seen = attempts;
      }
      Thread.sleep(20);
    }
    assertThat(seen).as("attempts made while the server refused").isGreaterThanOrEqualTo(4);
    Row failing = row(mail.dedupKey());
    assertThat(failing.getString("status")).isEqualTo("pending");
    assertThat(failing.getString("last_error")).isNotBlank();
    long firstWait = attemptsAt.get(1) - attemptsAt.get(0);
    long thirdWait = attemptsAt.get(3) - attemptsAt.get(2);
    // 300 ms, 600 ms, then 1200 ms (the cap): the wait grows.
    assertThat(Duration.ofNanos(thirdWait)).isGreaterThan(Duration.ofNanos(firstWait)
        .plusMillis(400));

    MailServer back = MailServer.start(port, 0);
    try {
      assertThat(Await.eventually(Duration.ofSeconds(15),
          () -> back.messages().size() == 1)).isTrue();
      assertThat(Await.eventually(Duration.ofSeconds(5),
          () -> "sent".equals(Await.get(pool.preparedQuery("select status from mail_messages "
              + "where dedup_key = $1").execute(Tuple.of(mail.dedupKey()))).iterator().next()
              .getString(0)))).isTrue();
      assertThat(back.messages().get(0).getAllRecipients()[0].toString()).isEqualTo(to);
    } finally {
      back.close();
    }
  }

  @Test
  @DisplayName("over smtps, a server whose certificate is not trusted gets no mail, not even in the clear")
  void untrustedTlsSendsNothing() throws Exception {
    int port = LoopbackPorts.free();
    // GreenMail's SMTPS presents its own self-signed certificate.
    GreenMail tls = new GreenMail(new ServerSetup(port, LoopbackPorts.HOST,
        ServerSetup.PROTOCOL_SMTPS));
    tls.start();
    try {
      Mail mail = mail("secret-" + UUID.randomUUID() + "@example.org");
      Await.await(Mailbox.enqueue(pool, mail));
      deploySender("smtps://127.0.0.1:" + port, 20, 5_000, 10);
      assertThat(Await.eventually(Duration.ofSeconds(15),
          () -> lastError(mail.dedupKey()) != null)).isTrue();
      Row refused = row(mail.dedupKey());
      assertThat(refused.getString("status")).isEqualTo("pending");
      assertThat(refused.getInteger("attempts")).isEqualTo(1);
      assertThat(tls.getReceivedMessages()).isEmpty();
    } finally {
      tls.stop();
    }
  }

  @Test
  @DisplayName("gives up after the last attempt: the mail is failed, with the error, and left alone")
  void failsAfterMaxAttempts() throws Exception {
    Mail mail = mail("never-" + UUID.randomUUID() + "@example.org");
    Await.await(Mailbox.enqueue(pool, mail));
    deploySender("smtp://127.0.0.1:" + LoopbackPorts.free(), 3, 50, 10);

    assertThat(Await.eventually(Duration.ofSeconds(15),
        () -> "failed".equals(Await.get(pool.preparedQuery("select status from mail_messages "
            + "where dedup_key = $1").execute(Tuple.of(mail.dedupKey()))).iterator().next()
            .getString(0)))).isTrue();
    Thread.sleep(500);
    Row failed = row(mail.dedupKey());
    assertThat(failed.getInteger("attempts")).isEqualTo(3);
    assertThat(failed.getString("last_error")).isNotBlank();
    assertThat(failed.getOffsetDateTime("sent_at")).isNull();
  }

  @Test
  @DisplayName("two senders at once send every mail exactly once")
  void twoSendersNeverShareAMail() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Future<Boolean>> enqueued = new ArrayList<>();
    int count = 60;
    for (int i = 0; i < count; i++) {
      enqueued.add(Mailbox.enqueue(pool, mail("many-" + run + "-" + i + "@example.org")));
    }
    Await.await(Future.all(enqueued));
    deploySender(smtp.url(), 3, 1000, 4);
    deploySender(smtp.url(), 3, 1000, 4);

    assertThat(Await.eventually(Duration.ofSeconds(30), () -> smtp.messages().size() >= count))
        .isTrue();
    Thread.sleep(500);
    Set<String> recipients = new HashSet<>();
    for (MimeMessage m : smtp.messages()) {
      recipients.add(m.getAllRecipients()[0].toString());
    }
    assertThat(smtp.messages()).hasSize(count);
    assertThat(recipients).hasSize(count).allMatch(r -> r.startsWith("many-" + run));
    assertThat(Await.await(pool.query("select count(*) from mail_messages where status = 'sent' "
        + "and attempts = 1").execute()).iterator().next().getLong(0)).isEqualTo(count);
  }

  @Test
  @DisplayName("a claimed mail is leased: nobody claims it again until the lease ends")
  void claimIsALease() throws Exception {
    for (int i = 0; i < 5; i++) {
      Await.await(Mailbox.enqueue(pool, mail("lease-" + i + "@example.org")));
    }
    List<Mailbox.Claimed> first = Await.await(Mailbox.claim(pool, 3, 60_000));
    List<Mailbox.Claimed> second = Await.await(Mailbox.claim(pool, 10, 60_000));
    assertThat(first).hasSize(3);
    assertThat(second).hasSize(2);
    assertThat(first).extracting(Mailbox.Claimed::id)
        .doesNotContainAnyElementsOf(second.stream().map(Mailbox.Claimed::id).toList());
    assertThat(Await.await(Mailbox.claim(pool, 10, 60_000))).isEmpty();
    // A sender that lost its lease (the row was claimed again since) records nothing.
    Mailbox.Claimed stale = new Mailbox.Claimed(first.get(0).id(), first.get(0).dedupKey(),
        first.get(0).template(), first.get(0).recipient(), first.get(0).data(), 0);
    assertThat(Await.await(Mailbox.sent(pool, stale))).isFalse();
    assertThat(Await.await(Mailbox.sent(pool, first.get(0)))).isTrue();
  }

  @Test
  @DisplayName("the wait between attempts doubles from the base and stops at the cap")
  void backoffDoublesToTheCap() {
    assertThat(List.of(1, 2, 3, 4, 8, 40).stream()
        .map(n -> MailSenderVerticle.backoff(n, 30_000, 3_600_000)).toList())
        .containsExactly(30_000L, 60_000L, 120_000L, 240_000L, 3_600_000L, 3_600_000L);
  }
}

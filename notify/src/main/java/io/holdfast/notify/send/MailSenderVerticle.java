package io.holdfast.notify.send;

import io.holdfast.documents.RenderPool;
import io.holdfast.documents.TicketDocuments;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.notify.Mailbox;
import io.holdfast.notify.SmtpSettings;
import io.holdfast.notify.template.MailTemplates;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.TurnLoop;
import io.holdfast.support.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the mail owed (the mail_messages table) over SMTP with vertx-mail-client. Each turn
 * claims a bounded batch of due mail (a lease: see {@link Mailbox}), renders and sends each,
 * and records the outcome: sent, or a failed attempt retried after an exponential backoff
 * (capped), or, after {@link #MAX_ATTEMPTS}, failed for good (logged once, as an error).
 * {@link #LOOPS} such turns run at once, so a slow mail holds back only its own batch. Senders
 * on several workers share the table without ever holding one row at once; a sender that dies
 * mid-send leaves its rows leased, and they are sent again when the lease ends (at least once).
 *
 * <p>Configuration: {@code pg.url}, {@code smtp.url}, {@code mail.from}, and the keys below.
 */
public final class MailSenderVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MailSenderVerticle.class);

  public static final Setting INTERVAL_MILLIS = Setting.number("HOLDFAST_MAIL_INTERVAL_MILLIS",
      "mail.intervalMillis", 500, "how often the mail sender looks for due mail when idle, ms");
  public static final Setting MAX_ATTEMPTS = Setting.number("HOLDFAST_MAIL_MAX_ATTEMPTS",
      "mail.maxAttempts", 10, "attempts to send one mail before it is marked failed; between "
      + "attempts the wait doubles from 30 s up to an hour (the default gives up after about "
      + "four hours)");
  public static final Setting LOOPS = Setting.number("HOLDFAST_MAIL_LOOPS", "mail.loops", 4,
      "claim-and-send turns each mail sender runs at once (each up to 20 mails)");
  /** Mails claimed per turn. */
  public static final String BATCH = "mail.batch";
  /** The wait after a first failed attempt (ms); it doubles with each further one. */
  public static final String RETRY_BASE_MILLIS = "mail.retryBaseMillis";
  /** The longest wait between attempts (ms). */
  public static final String RETRY_CAP_MILLIS = "mail.retryCapMillis";
  /** How long a claim keeps other senders off a mail (ms): longer than any send takes. */
  public static final String LEASE_MILLIS = "mail.leaseMillis";

  private Counter sent;
  private Counter failedAttempts;
  private final MailAttachments attachments;
  private Pool pool;
  private MailClient client;
  private MailTemplates templates;
  private final List<TurnLoop> turns = new ArrayList<>();
  private String from;
  private int batch;
  private int maxAttempts;
  private long retryBase;
  private long retryCap;
  private long lease;

  /** A sender with the platform's attachments. */
  public MailSenderVerticle() {
    this(null);
  }

  private MailSenderVerticle(MailAttachments attachments) {
    this.attachments = attachments;
  }

  /**
   * A sender whose attachments come from {@code attachments} (tests). A factory, so that
   * {@code MailSenderVerticle::new} stays a deployment supplier.
   */
  public static MailSenderVerticle attaching(MailAttachments attachments) {
    return new MailSenderVerticle(attachments);
  }

  @Override
  public Future<?> start() {
    long interval = INTERVAL_MILLIS.integer(config());
    maxAttempts = Math.max(1, MAX_ATTEMPTS.integer(config()));
    batch = Math.max(1, Settings.integer(config(), BATCH, 20));
    retryBase = Settings.integer(config(), RETRY_BASE_MILLIS, 30_000);
    retryCap = Settings.integer(config(), RETRY_CAP_MILLIS, 3_600_000);
    lease = Settings.integer(config(), LEASE_MILLIS, 300_000);
    from = SmtpSettings.MAIL_FROM.string(config());
    Meters meters = Meters.of(vertx);
    sent = meters.counter("holdfast_mail_sent_total", "Mails handed to the SMTP server");
    failedAttempts = meters.counter("holdfast_mail_failed_attempts_total",
        "Attempts to send a mail that failed");
    client = MailClient.create(vertx, SmtpSettings.mailConfig(config()));
    pool = Database.pool(vertx, config());
    int loops = Math.max(1, LOOPS.integer(config()));
    // Every mail claimed may be rendering at once: the sender's share of the render pool is as
    // large as that, so a PDF waits for a render thread instead of being refused as busy.
    MailAttachments attach = attachments != null ? attachments
        : MailAttachments.standard(TicketDocuments.create(vertx, pool,
            new TicketCodes(vertx, pool, PlatformKey.of(config())), config().copy()
                .put(RenderPool.MAX_WAITING.key(), loops * batch)));
    // A full batch means more is due: the next turn comes at once, else after the interval.
    for (int i = 0; i < loops; i++) {
      turns.add(new TurnLoop(vertx, "Sending mail", interval,
          () -> Mailbox.claim(pool, batch, lease)
              .compose(claimed -> sendAll(claimed, attach))
              .map(count -> count == batch ? 0L : interval)));
    }
    return vertx.executeBlocking(MailTemplates::load).onSuccess(loaded -> {
      templates = loaded;
      LOG.info("Mail sender sending every {} ms, {} turns at once of {} mails each, as {}",
          interval, loops, batch, from);
      turns.forEach(TurnLoop::start);
    });
  }

  private Future<Integer> sendAll(List<Mailbox.Claimed> claimed, MailAttachments attach) {
    List<Future<?>> outcomes = new ArrayList<>(claimed.size());
    for (Mailbox.Claimed mail : claimed) {
      outcomes.add(send(mail, attach).transform(ar -> ar.succeeded() ? record(mail).mapEmpty()
          : recordFailure(mail, ar.cause()).mapEmpty()));
    }
    return Future.join(outcomes).map(claimed.size());
  }

  private Future<Void> send(Mailbox.Claimed mail, MailAttachments attach) {
    MailTemplates.Rendered rendered;
    try {
      rendered = templates.render(mail.template(), mail.data());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return attach.forMail(mail).compose(files -> {
      MailMessage message = new MailMessage()
          .setFrom(from)
          .setTo(mail.recipient())
          .setSubject(rendered.subject())
          .setText(rendered.text())
          .setHtml(rendered.html());
      if (!files.isEmpty()) {
        message.setAttachment(files);
      }
      return client.sendMail(message).timeout(lease / 2, TimeUnit.MILLISECONDS);
    }).mapEmpty();
  }

  private Future<Boolean> record(Mailbox.Claimed mail) {
    return Mailbox.sent(pool, mail).onSuccess(recorded -> {
      sent.increment();
      if (!recorded) {
        LOG.warn("Mail {} ({}) was sent after its lease ended; it may go out twice",
            mail.id(), mail.dedupKey());
      }
    });
  }

  private Future<Boolean> recordFailure(Mailbox.Claimed mail, Throwable cause) {
    failedAttempts.increment();
    String error = String.valueOf(cause.getMessage());
    if (mail.attempts() >= maxAttempts) {
      return Mailbox.failed(pool, mail, error).onSuccess(gaveUp -> {
        if (gaveUp) {
          LOG.error("Mail {} ({}, template {}) FAILED for good after {} attempts; last error: {}",
              mail.id(), mail.dedupKey(), mail.template(), mail.attempts(), error);
        }
      });
    }
    long delay = backoff(mail.attempts(), retryBase, retryCap);
    LOG.warn("Mail {} ({}) attempt {} of {} failed, next in {} ms: {}", mail.id(),
        mail.dedupKey(), mail.attempts(), maxAttempts, delay, error);
    return Mailbox.retry(pool, mail, delay, error);
  }

  /** The wait after the {@code attempts}th failure: base, then doubling, never above the cap. */
  static long backoff(int attempts, long base, long cap) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    return Math.min(cap, base << doublings);
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> stopped = new ArrayList<>();
    if (templates != null) {
      turns.forEach(t -> stopped.add(t.stop(10_000)));
    }
    Future<Void> drained = Future.join(stopped).mapEmpty();
    return drained.compose(v -> Future.join(
        client == null ? Future.succeededFuture() : client.close(),
        pool == null ? Future.succeededFuture() : pool.close()));
  }
}

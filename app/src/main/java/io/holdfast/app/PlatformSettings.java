package io.holdfast.app;

import io.holdfast.accounts.OrganizerEmails;
import io.holdfast.app.log.LogFormat;
import io.holdfast.catalog.status.EventStatusVerticle;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.event.EventCatalog;
import io.holdfast.documents.RenderPool;
import io.holdfast.documents.SignedLinks;
import io.holdfast.documents.TicketPdf;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.auth.AccountMail;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.edge.auth.TokenVerifier;
import io.holdfast.ledger.outbox.OutboxRelayVerticle;
import io.holdfast.notify.SmtpSettings;
import io.holdfast.notify.send.MailSenderVerticle;
import io.holdfast.payment.reconcile.InventoryAuditVerticle;
import io.holdfast.payment.reconcile.Reconciler;
import io.holdfast.payment.reconcile.ReconcilerVerticle;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.support.jobs.HousekeepingVerticle;
import io.holdfast.support.payment.StripeSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Every setting the launcher reads from the environment, in the order {@code --help} and
 * docs/configuration.md show them. Each is declared, with its default and meaning, by the class
 * that reads it; this is only the list.
 */
public final class PlatformSettings {
  private PlatformSettings() {}

  public static final List<Setting> CATALOGUE = List.of(
      Profile.PROFILE,
      LogFormat.FORMAT,
      Settings.HTTP_HOST,
      Settings.HTTP_PORT,
      Settings.PUBLIC_URL,
      HttpEdgeVerticle.MANAGEMENT_PORT,
      HttpEdgeVerticle.MANAGEMENT_HOST,
      Settings.PG_URL,
      Settings.PG_POOL_SIZE,
      Settings.KAFKA_BOOTSTRAP,
      Settings.KAFKA_SECURITY_PROTOCOL,
      Platform.KAFKA_PARTITIONS,
      Settings.REDIS_URL,
      Settings.SMTP_URL,
      SmtpSettings.MAIL_FROM,
      SmtpSettings.CONNECTIONS,
      MailSenderVerticle.INTERVAL_MILLIS,
      MailSenderVerticle.MAX_ATTEMPTS,
      MailSenderVerticle.LOOPS,
      PlatformKey.KEY,
      Platform.JWT_PRIVATE_KEY_FILE,
      Platform.JWT_PUBLIC_KEY_FILE,
      Platform.JWT_PREVIOUS_KEYS_FILE,
      Settings.JWT_KID,
      Settings.JWT_ISSUER,
      Settings.JWT_AUDIENCE,
      Settings.JWT_TTL_SECONDS,
      Settings.REFRESH_TTL_SECONDS,
      Passwords.MEMORY_KIB,
      Passwords.PASSES,
      Passwords.PARALLELISM,
      Passwords.WORKERS,
      Passwords.MAX_WAITING,
      TokenVerifier.CACHE_SIZE,
      OrganizerEmails.EMAILS,
      OrganizerAccounts.PASSWORD_FILE,
      AccountMail.RESET_TTL_MINUTES,
      AccountMail.MAILS_PER_HOUR,
      HttpEdgeVerticle.MIN_HOLD_SECONDS,
      HttpEdgeVerticle.SEAT_MAP_INTERVAL_MILLIS,
      HttpEdgeVerticle.SEAT_MAP_MAX_FEEDS,
      HttpEdgeVerticle.SEAT_MAP_MAX_VIEWERS,
      HttpEdgeVerticle.AVAILABILITY_CACHE_MILLIS,
      HttpEdgeVerticle.READY_CACHE_MILLIS,
      HttpEdgeVerticle.BODY_LIMIT,
      HttpEdgeVerticle.EVENT_BODY_LIMIT,
      HttpEdgeVerticle.REQUEST_TIMEOUT_MILLIS,
      HttpEdgeVerticle.CORS_ORIGINS,
      SignedLinks.TTL_SECONDS,
      RenderPool.WORKERS,
      RenderPool.MAX_WAITING,
      TicketPdf.PAGE_SIZE,
      TicketPdf.TIME_ZONE,
      Limits.ENABLED,
      Limits.USER_PER_MINUTE,
      Limits.PARTNER_PER_MINUTE,
      Limits.ANONYMOUS_PER_MINUTE,
      Limits.SIGN_IN_PER_MINUTE,
      Limits.REGISTER_PER_MINUTE,
      Limits.MAX_ACTIVE_HOLDS,
      Limits.TRUSTED_PROXIES,
      StripeSettings.SECRET_KEY,
      StripeSettings.PROVIDER,
      StripeSettings.WEBHOOK_SECRET,
      StripeSettings.PUBLISHABLE_KEY,
      StripeSettings.API_BASE,
      StripeSettings.TIMEOUT_MILLIS,
      StripeSettings.WORKER_POOL_SIZE,
      StripeSettings.WEBHOOK_TOLERANCE_SECONDS,
      OutboxRelayVerticle.INTERVAL_MILLIS,
      ReconcilerVerticle.INTERVAL_MILLIS,
      Reconciler.GRACE_SECONDS,
      Reconciler.BATCH,
      InventoryAuditVerticle.INTERVAL_MILLIS,
      HousekeepingVerticle.INTERVAL_MILLIS,
      EventStatusVerticle.INTERVAL_MILLIS,
      EventCatalog.EVICT_AFTER_END_SECONDS,
      ReservationVerticle.EVICT_INTERVAL_MILLIS,
      Platform.CLUSTER_NAME,
      Platform.HAZELCAST_HOST,
      Platform.HAZELCAST_PORT,
      Platform.HAZELCAST_MEMBERS,
      Platform.HAZELCAST_SERVICE_DNS,
      Platform.EVENT_BUS_PORT,
      Platform.GRID_QUORUM,
      Platform.GRID_BACKUPS,
      Platform.GRID_HEARTBEAT_SECONDS,
      Platform.EDGE_INSTANCES,
      Platform.CORE_INSTANCES,
      Platform.SEED);

  /** The environment's HOLDFAST_* values as configuration; numbers stay text, parsed on read. */
  public static JsonObject fromEnvironment(Map<String, String> env) {
    JsonObject config = new JsonObject();
    for (Setting setting : CATALOGUE) {
      String value = env.get(setting.variable());
      if (value != null && !value.isBlank()) {
        config.put(setting.key(), value.trim());
      }
    }
    return config;
  }
}

package io.holdfast.app;

import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.redis.RedisPipeline;
import io.holdfast.notify.SmtpSettings;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.support.db.Database;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.support.payment.StripeSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How safe a configuration is, checked before anything starts. {@code development} (the
 * default) runs whatever it is given, filling the gaps with embedded servers, a generated token
 * key, demo data and simulated payments, and says so in one log line. {@code production}
 * ({@code HOLDFAST_PROFILE=production}) refuses any of those, naming every reason at once. Every
 * check is here; each reason is a sentence naming the variable that fixes it.
 */
public enum Profile {
  DEVELOPMENT, PRODUCTION;

  private static final Logger LOG = LoggerFactory.getLogger(Profile.class);

  static final Setting PROFILE = Setting.text("HOLDFAST_PROFILE", "profile", "development",
      "development: what is not configured is embedded or generated, with demo data and "
      + "simulated payments, and one log line at start says so; production: refuses to start, "
      + "naming every reason, unless PostgreSQL, Kafka, Redis and SMTP are given by URL, the "
      + "token keys come from files, HOLDFAST_SEED is false, payments go through Stripe with a "
      + "webhook secret, and HOLDFAST_MANAGEMENT_PORT is set (see production.md)");

  /** One thing that makes a configuration unfit for production. */
  record Unsafe(String what, String reason) {}

  /** The configuration was refused before anything started; the message says why. */
  public static final class Refused extends RuntimeException {
    private final List<String> reasons;

    Refused(String message, List<String> reasons) {
      super(message);
      this.reasons = List.copyOf(reasons);
    }

    /** Production's refusal: every reason, one a line. */
    static Refused production(List<String> reasons) {
      return listing("HOLDFAST_PROFILE=production refuses to start", reasons);
    }

    /** "{@code who}, for N reasons:" and every reason, one a line. */
    static Refused listing(String who, List<String> reasons) {
      return new Refused(who + ", for " + reasons.size()
          + (reasons.size() == 1 ? " reason:" : " reasons:")
          + reasons.stream().map(r -> "\n  - " + r).collect(Collectors.joining()), reasons);
    }

    public List<String> reasons() {
      return reasons;
    }
  }

  /** The profile {@code config} names; development when it names none. */
  static Profile of(JsonObject config) {
    String name = PROFILE.string(config).trim();
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "development" -> DEVELOPMENT;
      case "production" -> PRODUCTION;
      default -> throw new Refused("HOLDFAST_PROFILE must be development or production, not "
          + name, List.of());
    };
  }

  /**
   * A process of a cluster ({@code role} other than all) shares its servers and its token key
   * with the others: nothing may be embedded or generated in it, whatever the profile. Then
   * the profile's own check.
   */
  static void check(JsonObject config, Role role) {
    List<String> malformed = new ArrayList<>();
    for (String problem : new String[] {Database.problem(config), KafkaSettings.problem(config),
        RedisPipeline.problem(config), SmtpSettings.problem(config)}) {
      if (problem != null) {
        malformed.add(problem);
      }
    }
    if (!malformed.isEmpty()) {
      throw Refused.listing("Holdfast refuses to start", malformed);
    }
    if (!Platform.HAZELCAST_MEMBERS.blank(config)
        && !Platform.HAZELCAST_SERVICE_DNS.blank(config)) {
      throw Refused.listing("Holdfast refuses to start", List.of("The grid finds its members "
          + "either by seeds or by DNS: set HOLDFAST_HAZELCAST_MEMBERS or "
          + "HOLDFAST_HAZELCAST_SERVICE_DNS, not both"));
    }
    if (role.clustered()) {
      List<Unsafe> shared = new ArrayList<>();
      servers(config, shared);
      if (role.runsJobs()) {
        // A worker sends mail; the one-JVM platform alone may catch it in a server of its own.
        mail(config, shared);
      }
      if (role.servesApi()) {
        keys(config, shared);
      }
      if (!shared.isEmpty()) {
        throw Refused.listing("--role " + role.cliName() + " runs beside other processes and "
            + "shares their servers and keys, so it refuses to start",
            shared.stream().map(Unsafe::reason).toList());
      }
    }
    check(config);
  }

  /**
   * Refuses a production configuration with anything unsafe in it ({@link Refused}, every
   * reason at once); in development, logs the one line that says what makes it one.
   */
  static void check(JsonObject config) {
    Profile profile = of(config);
    List<Unsafe> unsafe = unsafe(config);
    if (profile == PRODUCTION) {
      if (!unsafe.isEmpty()) {
        throw Refused.production(unsafe.stream().map(Unsafe::reason).toList());
      }
      LOG.info("Production profile: every server by URL, token keys from files, no demo data, "
          + "payments through Stripe, metrics and readiness on the management port");
    } else if (unsafe.isEmpty()) {
      LOG.info("Development profile, with a configuration that HOLDFAST_PROFILE=production "
          + "would accept");
    } else {
      LOG.info("Development setup, not for production ({}); HOLDFAST_PROFILE=production "
          + "refuses to start like this", unsafe.stream().map(Unsafe::what)
          .collect(Collectors.joining(", ")));
    }
  }

  /** What keeps {@code config} out of production, in a fixed order; empty when nothing. */
  static List<Unsafe> unsafe(JsonObject config) {
    List<Unsafe> found = new ArrayList<>();
    servers(config, found);
    mail(config, found);
    keys(config, found);
    // Not a cluster role's concern: the development key is the same in every process.
    if (PlatformKey.KEY.blank(config)) {
      found.add(new Unsafe("platform key unset", "Ticket keys would be sealed and emailed links "
          + "signed with the development key written in the source: set "
          + PlatformKey.KEY.variable() + " (openssl rand -base64 32), the same in every process"));
    }
    if (!"false".equalsIgnoreCase(Platform.SEED.string(config).trim())) {
      found.add(new Unsafe("demo data", "Demo accounts with a published password and a demo "
          + "event would be created: set HOLDFAST_SEED=false"));
    }
    payments(config, found);
    management(config, found);
    return found;
  }

  private static void servers(JsonObject config, List<Unsafe> found) {
    server(config, Settings.PG_URL, "PostgreSQL", "postgresql://user:pass@host:port/db", found);
    server(config, Settings.KAFKA_BOOTSTRAP, "Kafka", "host:port,...", found);
    server(config, Settings.REDIS_URL, "Redis", "redis://host:port", found);
  }

  private static void mail(JsonObject config, List<Unsafe> found) {
    if (Settings.SMTP_URL.blank(config)) {
      found.add(new Unsafe("SMTP embedded", "Mail would be caught by an SMTP server embedded "
          + "in this process, and reach nobody: set " + Settings.SMTP_URL.variable()
          + " (smtp://user:pass@host:port, or smtps://... for TLS)"));
    }
  }

  private static void keys(JsonObject config, List<Unsafe> found) {
    if (Platform.JWT_PRIVATE_KEY_FILE.blank(config)) {
      found.add(new Unsafe(blank(config, Settings.JWT_PRIVATE_KEY)
          ? "token key generated for this run" : "token key not from a file", "The token "
          + "signing key would be generated at start, so a restart signs everyone out and each "
          + "process signs with a key of its own: set HOLDFAST_JWT_PRIVATE_KEY_FILE to its "
          + "PKCS#8 PEM file and HOLDFAST_JWT_PUBLIC_KEY_FILE to its public key's PEM file"));
    } else {
      keyFile(config, Platform.JWT_PRIVATE_KEY_FILE, found);
      keyFile(config, Platform.JWT_PUBLIC_KEY_FILE, found);
    }
  }

  private static void server(JsonObject config, Setting setting, String name, String form,
      List<Unsafe> found) {
    if (setting.blank(config)) {
      found.add(new Unsafe(name + " embedded", name + " would be embedded in this process, "
          + "its data deleted when it stops: set " + setting.variable() + " (" + form + ")"));
    }
  }

  private static void keyFile(JsonObject config, Setting setting, List<Unsafe> found) {
    String variable = setting.variable();
    String file = setting.string(config, "");
    if (file.isBlank()) {
      found.add(new Unsafe(variable + " unset", "The token keys come from files, and "
          + variable + " is not set: set it to the PEM file of the signing key's public key"));
    } else if (!readable(file)) {
      found.add(new Unsafe(variable + " unreadable", variable + " names " + file
          + ", which is not a file this process can read: fix the path or its permissions"));
    }
  }

  private static void payments(JsonObject config, List<Unsafe> found) {
    if (!StripeSettings.enabled(config)) {
      found.add(new Unsafe("payments simulated", "Payments would be simulated, buyers saying "
          + "themselves that they paid: set HOLDFAST_STRIPE_SECRET_KEY (sk_live_...)"));
    }
    if (StripeSettings.WEBHOOK_SECRET.blank(config)) {
      found.add(new Unsafe("no Stripe webhook secret", "Stripe's webhooks would be refused, "
          + "so payments would settle only when reconciliation asks Stripe: set "
          + "HOLDFAST_STRIPE_WEBHOOK_SECRET (whsec_...)"));
    }
    String provider = StripeSettings.PROVIDER.string(config);
    if (provider != null && !provider.trim().equals("stripe")) {
      found.add(new Unsafe("checkout " + provider.trim(), "HOLDFAST_PAYMENT_PROVIDER is "
          + provider.trim() + ", and checkout must go through Stripe: unset it or set it to "
          + "stripe"));
    }
  }

  private static void management(JsonObject config, List<Unsafe> found) {
    if (HttpEdgeVerticle.MANAGEMENT_PORT.blank(config)) {
      found.add(new Unsafe("metrics and readiness on the public port", "GET /metrics and the "
          + "detailed GET /health/ready would be served to anyone on the API's port: set "
          + "HOLDFAST_MANAGEMENT_PORT to a port of their own"));
    } else if (HttpEdgeVerticle.MANAGEMENT_PORT.integer(config, 0)
        == Settings.HTTP_PORT.integer(config)) {
      found.add(new Unsafe("management port is the API's", "HOLDFAST_MANAGEMENT_PORT is the "
          + "API's port (HOLDFAST_HTTP_PORT): give it a port of its own"));
    }
  }

  private static boolean blank(JsonObject config, String key) {
    String value = Settings.string(config, key, null);
    return value == null || value.isBlank();
  }

  private static boolean readable(String file) {
    try {
      return Files.isRegularFile(Path.of(file)) && Files.isReadable(Path.of(file));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}

package io.holdfast.support.config;

import io.vertx.core.json.JsonObject;

/**
 * The settings every module reads ({@link Setting}s), the keys the launcher fills in itself, and
 * the readers {@link Setting} is built on. Verticles receive one flat JSON object through
 * {@code DeploymentOptions.setConfig}; the launcher's catalogue maps HOLDFAST_* variables onto it.
 */
public final class Settings {
  private Settings() {}

  public static final Setting HTTP_HOST = Setting.text("HOLDFAST_HTTP_HOST", "http.host",
      "127.0.0.1", "address the API binds to");
  public static final Setting HTTP_PORT = Setting.number("HOLDFAST_HTTP_PORT", "http.port", 8080,
      "port of the API");
  public static final Setting PUBLIC_URL = Setting.text("HOLDFAST_PUBLIC_URL", "http.publicUrl",
      "http://127.0.0.1:8080", "the address people reach the API at, without a trailing slash; "
      + "links in emails start with it");
  public static final Setting PG_URL = Setting.none("HOLDFAST_PG_URL", "pg.url", "embedded",
      "PostgreSQL as postgresql://user:password@host:5432/db; over TLS as libpq reads it: "
      + "?sslmode=verify-full&sslrootcert=/path/ca.pem checks the server's certificate against "
      + "the authorities in that PEM file and its host name, verify-ca only the former, require "
      + "encrypts without checking unless sslrootcert is given; the migrations create the "
      + "pg_trgm extension (part of PostgreSQL's contrib, trusted since PostgreSQL 13)");
  public static final Setting PG_POOL_SIZE = Setting.number("HOLDFAST_PG_POOL_SIZE",
      "pg.poolSize", 8, "PostgreSQL connections per verticle");
  public static final Setting KAFKA_BOOTSTRAP = Setting.none("HOLDFAST_KAFKA_BOOTSTRAP",
      "kafka.bootstrap", "embedded",
      "Kafka brokers as host:9092,...; the topics holds, payments, orders and tickets must exist");
  public static final Setting KAFKA_SECURITY_PROTOCOL = Setting.text(
      "HOLDFAST_KAFKA_SECURITY_PROTOCOL", "kafka.securityProtocol", "PLAINTEXT",
      "how the Kafka clients reach the brokers: PLAINTEXT, or SSL (TLS, the brokers' "
      + "certificates checked against the JVM's trust store; Amazon MSK's TLS listener is one)");
  public static final Setting REDIS_URL = Setting.none("HOLDFAST_REDIS_URL", "redis.url",
      "embedded", "Redis as redis://[[user]:password@]host[:port][/db], or rediss://... over TLS");
  public static final Setting SMTP_URL = Setting.none("HOLDFAST_SMTP_URL", "smtp.url",
      "embedded (all only)", "where mail goes out: smtp://[user[:password]@]host[:port] "
      + "(upgraded with STARTTLS when the server offers it), or smtps://... for TLS from the "
      + "first byte; unset, the one-JVM platform catches every mail in an embedded SMTP server "
      + "and prints where to read it (see mail.md), and a worker refuses to start");
  public static final Setting JWT_KID = Setting.text("HOLDFAST_JWT_KID", "jwt.kid", "holdfast-1",
      "key ID of the current token key, in token headers; give each new key a new one");
  public static final Setting JWT_ISSUER = Setting.text("HOLDFAST_JWT_ISSUER", "jwt.issuer",
      "holdfast", "the tokens' iss");
  public static final Setting JWT_AUDIENCE = Setting.text("HOLDFAST_JWT_AUDIENCE",
      "jwt.audience", "holdfast-api", "the tokens' aud");
  public static final Setting JWT_TTL_SECONDS = Setting.number("HOLDFAST_JWT_TTL_SECONDS",
      "jwt.ttlSeconds", 900, "access token lifetime, seconds");
  public static final Setting REFRESH_TTL_SECONDS = Setting.number(
      "HOLDFAST_REFRESH_TTL_SECONDS", "jwt.refreshTtlSeconds", 30 * 24 * 3600,
      "refresh token lifetime, seconds (the default is 30 days)");

  /** PEM of the token signing key: the launcher reads it from a file or generates it. */
  public static final String JWT_PRIVATE_KEY = "jwt.privateKeyPem";
  /** PEM of its public key. */
  public static final String JWT_PUBLIC_KEY = "jwt.publicKeyPem";
  /** A JWKS document (JSON text) of earlier public keys whose tokens are still accepted. */
  public static final String JWT_PREVIOUS_KEYS = "jwt.previousKeysJwks";
  /** Where the embedded SMTP server lists what it caught (HTTP); the launcher sets it. */
  public static final String MAIL_INBOX_URL = "smtp.inboxUrl";
  /** Prefix of Kafka consumer groups; tests give each run groups of its own. */
  public static final String CONSUMER_GROUP_PREFIX = "kafka.groupPrefix";

  public static int integer(JsonObject config, String key, int fallback) {
    return integer(config, key, key, fallback);
  }

  /** {@code name} says which setting a malformed value came from. */
  static int integer(JsonObject config, String key, String name, int fallback) {
    Object value = config.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration " + name + " must be a whole number: " + value);
    }
  }

  public static String string(JsonObject config, String key, String fallback) {
    Object value = config.getValue(key);
    return value == null ? fallback : value.toString();
  }

  public static String required(JsonObject config, String key) {
    String value = string(config, key, null);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("configuration " + key + " is required");
    }
    return value;
  }
}

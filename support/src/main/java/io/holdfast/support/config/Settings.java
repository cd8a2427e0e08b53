package io.holdfast.support.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The configuration keys every module reads, and how environment variables map onto them.
 * Verticles receive one flat JSON object through {@code DeploymentOptions.setConfig}.
 */
public final class Settings {
  private Settings() {}

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String PG_URL = "pg.url";
  public static final String PG_POOL_SIZE = "pg.poolSize";
  public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
  public static final String REDIS_URL = "redis.url";
  public static final String JWT_PRIVATE_KEY = "jwt.privateKeyPem";
  public static final String JWT_PUBLIC_KEY = "jwt.publicKeyPem";
  public static final String JWT_KID = "jwt.kid";
  public static final String JWT_ISSUER = "jwt.issuer";
  public static final String JWT_AUDIENCE = "jwt.audience";
  public static final String JWT_TTL_SECONDS = "jwt.ttlSeconds";
  /** A JWKS document (JSON text) of earlier public keys whose tokens are still accepted. */
  public static final String JWT_PREVIOUS_KEYS = "jwt.previousKeysJwks";
  public static final String REFRESH_TTL_SECONDS = "jwt.refreshTtlSeconds";
  public static final String CONSUMER_GROUP_PREFIX = "kafka.groupPrefix";

  /** Environment variable → configuration key. Documented in the README. */
  public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
      Map.entry("HOLDFAST_HTTP_HOST", HTTP_HOST),
      Map.entry("HOLDFAST_HTTP_PORT", HTTP_PORT),
      Map.entry("HOLDFAST_PG_URL", PG_URL),
      Map.entry("HOLDFAST_PG_POOL_SIZE", PG_POOL_SIZE),
      Map.entry("HOLDFAST_KAFKA_BOOTSTRAP", KAFKA_BOOTSTRAP),
      Map.entry("HOLDFAST_REDIS_URL", REDIS_URL),
      Map.entry("HOLDFAST_JWT_KID", JWT_KID),
      Map.entry("HOLDFAST_JWT_ISSUER", JWT_ISSUER),
      Map.entry("HOLDFAST_JWT_AUDIENCE", JWT_AUDIENCE),
      Map.entry("HOLDFAST_JWT_TTL_SECONDS", JWT_TTL_SECONDS),
      Map.entry("HOLDFAST_REFRESH_TTL_SECONDS", REFRESH_TTL_SECONDS));

  /** Reads the environment into configuration; numbers stay strings and are parsed on read. */
  public static JsonObject fromEnvironment(Map<String, String> env) {
    JsonObject config = new JsonObject();
    ENVIRONMENT.forEach((var, key) -> {
      String value = env.get(var);
      if (value != null && !value.isBlank()) {
        config.put(key, value.trim());
      }
    });
    return config;
  }

  public static int integer(JsonObject config, String key, int fallback) {
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
      throw new IllegalArgumentException("configuration " + key + " must be a whole number: " + value);
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

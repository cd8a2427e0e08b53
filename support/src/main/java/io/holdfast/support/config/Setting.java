package io.holdfast.support.config;

import io.vertx.core.json.JsonObject;

/**
 * One setting, declared once by the class that reads it: the environment variable an operator
 * sets, the configuration key verticles read, the default, and what it means. The launcher's
 * catalogue lists these declarations, so {@code --help} and docs/configuration.md are generated
 * from the same place the code reads its defaults from.
 *
 * <p>The default is typed ({@link #number}, {@link #text}, {@link #flag}), or there is none
 * ({@link #none}, optionally naming how the reader fills the gap, e.g. "half the cores"): then
 * the reader passes what it computed ({@link #integer(JsonObject, int)},
 * {@link #string(JsonObject, String)}).
 */
public final class Setting {
  private final String variable;
  private final String key;
  private final Object fallback;
  private final String fallbackText;
  private final String meaning;

  private Setting(String variable, String key, Object fallback, String fallbackText,
      String meaning) {
    if (!variable.startsWith("HOLDFAST_")) {
      throw new IllegalArgumentException("a setting's variable starts with HOLDFAST_: " + variable);
    }
    this.variable = variable;
    this.key = key;
    this.fallback = fallback;
    this.fallbackText = fallbackText;
    this.meaning = meaning;
  }

  /** A whole number with a default. */
  public static Setting number(String variable, String key, int fallback, String meaning) {
    return new Setting(variable, key, fallback, null, meaning);
  }

  /** Text with a default. */
  public static Setting text(String variable, String key, String fallback, String meaning) {
    return new Setting(variable, key, fallback, null, meaning);
  }

  /** true or false, with a default. */
  public static Setting flag(String variable, String key, boolean fallback, String meaning) {
    return new Setting(variable, key, fallback, null, meaning);
  }

  /**
   * No default of its own: unset means what {@code whenUnset} says ("embedded", "half the
   * cores, at least 2"), or nothing at all when it is null.
   */
  public static Setting none(String variable, String key, String whenUnset, String meaning) {
    return new Setting(variable, key, null, whenUnset, meaning);
  }

  /** The environment variable, HOLDFAST_... */
  public String variable() {
    return variable;
  }

  /** The configuration key verticles read. */
  public String key() {
    return key;
  }

  /** One sentence or so: what it changes. */
  public String meaning() {
    return meaning;
  }

  /** The default as --help and the docs show it: a value, what unset means, or "none". */
  public String defaultText() {
    if (fallback != null) {
      return fallback.toString();
    }
    return fallbackText == null ? "none" : fallbackText;
  }

  /** Whether {@link #defaultText()} is a literal value (shown as code in the docs). */
  public boolean hasValue() {
    return fallback != null;
  }

  /** The whole number configured, or the default. */
  public int integer(JsonObject config) {
    return Settings.integer(config, key, this.toString(), typed(Integer.class));
  }

  /** The whole number configured, or {@code computed} for a setting without a default. */
  public int integer(JsonObject config, int computed) {
    untyped();
    return Settings.integer(config, key, this.toString(), computed);
  }

  /** The whole number configured, as a long, or the default. */
  public long longValue(JsonObject config) {
    return integer(config);
  }

  /** Configured: whether it says true (any case); unset: the default. */
  public boolean bool(JsonObject config) {
    Object value = config.getValue(key);
    return value == null ? typed(Boolean.class) : Boolean.parseBoolean(value.toString().trim());
  }

  /** The text configured, or the default (null for a setting without one). */
  public String string(JsonObject config) {
    return Settings.string(config, key, fallback == null ? null : fallback.toString());
  }

  /** The text configured, or {@code computed} for a setting without a default. */
  public String string(JsonObject config, String computed) {
    untyped();
    return Settings.string(config, key, computed);
  }

  /** The text configured; a clear error naming the key when it is missing or blank. */
  public String required(JsonObject config) {
    return Settings.required(config, key);
  }

  /** Whether nothing (or only blanks) is configured. */
  public boolean blank(JsonObject config) {
    Object value = config.getValue(key);
    return value == null || value.toString().isBlank();
  }

  private <T> T typed(Class<T> type) {
    if (!type.isInstance(fallback)) {
      throw new IllegalStateException(key + " has no " + type.getSimpleName() + " default");
    }
    return type.cast(fallback);
  }

  private void untyped() {
    if (fallback != null) {
      throw new IllegalStateException(key + " has a default of its own: " + fallback);
    }
  }

  /** How errors name it: the key verticles read, and the variable that sets it. */
  @Override
  public String toString() {
    return key + " (" + variable + ")";
  }
}

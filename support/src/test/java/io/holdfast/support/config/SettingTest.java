package io.holdfast.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A setting applies its one default and reads the configured value by its type")
class SettingTest {
  private static final Setting PORT = Setting.number("HOLDFAST_TEST_PORT", "test.port", 8080,
      "a port");
  private static final Setting NAME = Setting.text("HOLDFAST_TEST_NAME", "test.name", "holdfast",
      "a name");
  private static final Setting ON = Setting.flag("HOLDFAST_TEST_ON", "test.on", true, "a switch");
  private static final Setting WORKERS = Setting.none("HOLDFAST_TEST_WORKERS", "test.workers",
      "half the cores", "threads");
  private static final Setting URL = Setting.none("HOLDFAST_TEST_URL", "test.url", null, "a URL");

  @Test
  @DisplayName("unset, each reader answers the declared default")
  void defaults() {
    JsonObject empty = new JsonObject();
    assertThat(PORT.integer(empty)).isEqualTo(8080);
    assertThat(PORT.longValue(empty)).isEqualTo(8080L);
    assertThat(NAME.string(empty)).isEqualTo("holdfast");
    assertThat(ON.bool(empty)).isTrue();
    assertThat(ON.string(empty)).isEqualTo("true");
    assertThat(URL.string(empty)).isNull();
    assertThat(URL.blank(empty)).isTrue();
    assertThat(WORKERS.integer(empty, 3)).isEqualTo(3);
  }

  @Test
  @DisplayName("configured values win, as text from the environment or as JSON numbers")
  void configured() {
    JsonObject config = new JsonObject().put("test.port", " 9090 ").put("test.name", "other")
        .put("test.on", "FALSE").put("test.workers", 5).put("test.url", "redis://r:6379");
    assertThat(PORT.integer(config)).isEqualTo(9090);
    assertThat(NAME.string(config)).isEqualTo("other");
    assertThat(ON.bool(config)).isFalse();
    assertThat(WORKERS.integer(config, 3)).isEqualTo(5);
    assertThat(URL.required(config)).isEqualTo("redis://r:6379");
    assertThat(URL.blank(config)).isFalse();
  }

  @Test
  @DisplayName("a malformed number is refused, naming the key, the variable and the value")
  void malformedNumber() {
    assertThatThrownBy(() -> PORT.integer(new JsonObject().put("test.port", "80a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("configuration test.port (HOLDFAST_TEST_PORT) must be a whole number: 80a");
    assertThatThrownBy(() -> WORKERS.integer(new JsonObject().put("test.workers", "many"), 2))
        .hasMessageContaining("HOLDFAST_TEST_WORKERS").hasMessageContaining("many");
  }

  @Test
  @DisplayName("a required setting that is missing or blank is refused by its key")
  void required() {
    assertThatThrownBy(() -> URL.required(new JsonObject().put("test.url", " ")))
        .hasMessage("configuration test.url is required");
  }

  @Test
  @DisplayName("the default is shown as a value, as what unset means, or as none")
  void defaultText() {
    assertThat(PORT.defaultText()).isEqualTo("8080");
    assertThat(PORT.hasValue()).isTrue();
    assertThat(WORKERS.defaultText()).isEqualTo("half the cores");
    assertThat(WORKERS.hasValue()).isFalse();
    assertThat(URL.defaultText()).isEqualTo("none");
  }

  @Test
  @DisplayName("a default cannot be given twice: a reader of a declared default takes none, and one without a default needs it")
  void oneDefault() {
    assertThatThrownBy(() -> PORT.integer(new JsonObject(), 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> WORKERS.integer(new JsonObject()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Setting.number("PG_URL", "pg.url", 1, "no prefix"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

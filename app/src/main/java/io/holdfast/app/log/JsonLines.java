package io.holdfast.app.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each log event as one line of JSON: {@code timestamp} (UTC, milliseconds),
 * {@code level}, {@code logger}, {@code thread}, {@code role} (the process's), {@code message}
 * (formatted), then every field the line carries ({@code requestId}, ...: SLF4J's key-value
 * pairs and the MDC's, each at the top level, where a log store indexes it), and
 * {@code exception}: the stack trace as one string, so a trace is one line and one event.
 *
 * <p>Logback's own {@code JsonEncoder} writes the same facts nested ({@code kvpList} as an
 * array of one-key objects, the MDC under {@code mdc}, the stack as an array of frames) and a
 * timestamp in epoch milliseconds, which a reader or a query has to unpick; this writes what
 * docs/logging.md promises, flat.
 */
public final class JsonLines extends EncoderBase<ILoggingEvent> {
  /** The fields every line has: a pair or an MDC entry of the same name is left out. */
  private static final Set<String> OWN = Set.of("timestamp", "level", "logger", "thread", "role",
      "message", "exception");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

  private String role;

  /** The role of this process ({@code all}, {@code member}, {@code edge}, {@code worker}). */
  public void setRole(String role) {
    this.role = role;
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"timestamp\":\"").append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
        .append('"');
    text(json, "level", event.getLevel().toString());
    text(json, "logger", event.getLoggerName());
    text(json, "thread", event.getThreadName());
    if (role != null) {
      text(json, "role", role);
    }
    text(json, "message", event.getFormattedMessage());
    Set<String> written = null;
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      written = new HashSet<>();
      for (KeyValuePair pair : pairs) {
        if (pair.key != null && !OWN.contains(pair.key) && written.add(pair.key)) {
          value(json, pair.key, pair.value);
        }
      }
    }
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        String key = entry.getKey();
        if (key != null && !OWN.contains(key) && (written == null || !written.contains(key))) {
          text(json, key, entry.getValue());
        }
      }
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      text(json, "exception", ThrowableProxyUtil.asString(thrown));
    }
    return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A number or a flag as itself; anything else as its text. */
  private static void value(StringBuilder json, String key, Object value) {
    boolean literal = value instanceof Boolean || value instanceof Integer
        || value instanceof Long || (value instanceof Double d && Double.isFinite(d));
    if (!literal) {
      text(json, key, value == null ? null : String.valueOf(value));
      return;
    }
    name(json, key).append(value);
  }

  private static void text(StringBuilder json, String key, String value) {
    name(json, key);
    if (value == null) {
      json.append("null");
      return;
    }
    json.append('"');
    ESCAPE.quoteAsString(value, json);
    json.append('"');
  }

  private static StringBuilder name(StringBuilder json, String key) {
    json.append(",\"");
    ESCAPE.quoteAsString(key, json);
    return json.append("\":");
  }
}

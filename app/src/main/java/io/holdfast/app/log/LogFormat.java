package io.holdfast.app.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.holdfast.support.config.Setting;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How the process logs on stdout, chosen by {@link #FORMAT}: {@code text}, lines for people
 * (logback.xml's pattern), or {@code json}, one JSON object a line for a log store
 * ({@link JsonLines}). The launcher applies it before the platform starts, so every line but
 * logback's own start-up is in the chosen format.
 */
public final class LogFormat {
  public static final String TEXT = "text";
  public static final String JSON = "json";
  public static final Setting FORMAT = Setting.text("HOLDFAST_LOG_FORMAT", "log.format", TEXT,
      "how the process logs on stdout: text (lines for people) or json (one JSON object a "
      + "line: timestamp, level, logger, thread, role, message, requestId and the other fields, "
      + "exception; see logging.md)");

  private LogFormat() {}

  /** The configured format; an {@link IllegalArgumentException} naming the setting otherwise. */
  public static String of(JsonObject config) {
    String format = FORMAT.string(config).trim().toLowerCase(Locale.ROOT);
    if (!format.equals(TEXT) && !format.equals(JSON)) {
      throw new IllegalArgumentException(FORMAT.variable() + " must be " + TEXT + " or " + JSON
          + ", not " + FORMAT.string(config));
    }
    return format;
  }

  /**
   * Applies the configured format; {@code role} names the process in every JSON line. Text
   * changes nothing: it is logback.xml's. Answers what puts the former encoders back (tests).
   */
  public static Runnable apply(JsonObject config, String role) {
    return JSON.equals(of(config)) ? json(role) : () -> { };
  }

  /**
   * Makes every appender of the root logger that writes to a stream (the console's) write JSON
   * lines. The encoder is swapped in place: the appender, its stream and its lock stay.
   */
  static Runnable json(String role) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    List<Runnable> undo = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out) {
        JsonLines json = new JsonLines();
        json.setContext(context);
        json.setRole(role);
        json.start();
        Encoder<ILoggingEvent> before = out.getEncoder();
        out.setEncoder(json);
        undo.add(() -> {
          out.setEncoder(before);
          json.stop();
        });
      }
    }
    return () -> undo.forEach(Runnable::run);
  }
}

package io.holdfast.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.holdfast.support.log.LogFields;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The lines one logger writes while a test runs, as logback hands them over (message and
 * fields), at the level the test asks for; closing puts the logger back as it was.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger logger;
  private final Level before;
  private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

  private LogCapture(String source, Level level) {
    this.logger = (Logger) LoggerFactory.getLogger(source);
    this.before = logger.getLevel();
    setContext(logger.getLoggerContext());
    setName("test-capture-" + source);
    start();
    logger.addAppender(this);
    logger.setLevel(level);
  }

  /** Captures what {@code source}'s logger writes at {@code level} and above. */
  static LogCapture of(Class<?> source, Level level) {
    return new LogCapture(source.getName(), level);
  }

  /** The same, by the logger's name (a class not visible here). */
  static LogCapture of(String source, Level level) {
    return new LogCapture(source, level);
  }

  @Override
  protected void append(ILoggingEvent event) {
    events.add(event);
  }

  /** The captured lines whose {@code requestId} field is {@code requestId}. */
  List<ILoggingEvent> withRequestId(String requestId) {
    return events.stream().filter(e -> requestId.equals(field(e, LogFields.REQUEST_ID)))
        .toList();
  }

  /** The value of a line's field (SLF4J key-value pair), or null. */
  static String field(ILoggingEvent event, String key) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    return pairs == null ? null : pairs.stream().filter(p -> key.equals(p.key))
        .map(p -> Objects.toString(p.value, null)).findFirst().orElse(null);
  }

  @Override
  public void close() {
    logger.setLevel(before);
    logger.detachAppender(this);
    stop();
  }
}

package io.holdfast.support.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("A quiet warning")
class QuietWarningTest {
  private final Logger log = (Logger) LoggerFactory.getLogger(QuietWarningTest.class);
  private final ListAppender<ILoggingEvent> written = new ListAppender<>();

  @BeforeEach
  void listen() {
    written.start();
    log.addAppender(written);
  }

  @AfterEach
  void stopListening() {
    log.detachAppender(written);
  }

  @Test
  @DisplayName("is written once however often an outage repeats it within the interval")
  void onceAnInterval() {
    QuietWarning warning = new QuietWarning(log, "Redis is away");
    for (int i = 0; i < 5; i++) {
      warning.warn(new IllegalStateException("connection refused"));
    }
    assertThat(written.list).hasSize(1);
    assertThat(written.list.get(0).getFormattedMessage()).isEqualTo(
        "Redis is away (0 more times since the last report): "
            + "java.lang.IllegalStateException: connection refused");
  }

  @Test
  @DisplayName("builds a message naming the occurrence only when it writes one")
  void messageOnlyWhenWritten() {
    QuietWarning warning = new QuietWarning(log, "Could not expire holds");
    AtomicInteger built = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      int n = i;
      warning.warn(new IllegalStateException("timeout"), () -> {
        built.incrementAndGet();
        return "Could not expire hold " + n;
      });
    }
    assertThat(built).hasValue(1);
    assertThat(written.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
        .asString().startsWith("Could not expire hold 0 (0 more times");
  }
}

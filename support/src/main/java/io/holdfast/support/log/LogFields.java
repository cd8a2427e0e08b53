package io.holdfast.support.log;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * The names of the fields a log line carries beside its message, and how a line gets them:
 * SLF4J's key-value pairs, on the one line that is written ({@code LOG.atInfo()...}), never
 * thread-local state that would have to be set and cleared around asynchronous code. The JSON
 * format writes each pair as a field of its own, the text format after the message.
 */
public final class LogFields {
  /** The ID of the HTTP request a line is about (the edge's {@code X-Request-Id}). */
  public static final String REQUEST_ID = "requestId";
  /** The request IDs of several holds a line is about, space-separated, in their order. */
  public static final String REQUEST_IDS = "requestIds";

  private LogFields() {}

  /**
   * {@code line} with the request ID, when there is one. Free for a disabled level: SLF4J
   * answers a builder that ignores it.
   */
  public static LoggingEventBuilder requestId(LoggingEventBuilder line, String requestId) {
    return requestId == null ? line : line.addKeyValue(REQUEST_ID, requestId);
  }

  /** {@code line} with the request IDs of several holds ({@link #REQUEST_IDS}), when known. */
  public static LoggingEventBuilder requestIds(LoggingEventBuilder line, String requestIds) {
    return requestIds == null || requestIds.isBlank() ? line
        : line.addKeyValue(REQUEST_IDS, requestIds);
  }
}

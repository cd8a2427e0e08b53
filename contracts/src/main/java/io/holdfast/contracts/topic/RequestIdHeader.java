package io.holdfast.contracts.topic;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The Kafka record header that carries the ID of the HTTP request a record comes from (the
 * edge's {@code X-Request-Id}), so that a worker handling the record logs with it. A header,
 * not a field of the value: the value stays the business fact, and a record made by no request
 * (reconciliation, a timer) simply has none. On the {@code holds} topic a record carries the
 * holds of many requests: {@link HoldsTopic} writes their IDs into the one header.
 */
public final class RequestIdHeader {
  /** The header's key on every topic. */
  public static final String KEY = "request-id";

  private RequestIdHeader() {}

  /** The header for a record caused by request {@code requestId}; null (no header) for none. */
  public static Header of(String requestId) {
    return requestId == null || requestId.isEmpty() ? null
        : new RecordHeader(KEY, requestId.getBytes(StandardCharsets.US_ASCII));
  }

  /** The request ID a record carries, or null. */
  public static String read(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader(KEY);
    byte[] value = header == null ? null : header.value();
    return value == null || value.length == 0 ? null
        : new String(value, StandardCharsets.US_ASCII);
  }
}

package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.holdfast.app.log.LogFormat;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.edge.http.Responses;
import io.holdfast.support.log.LogFields;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the process writes on stdout in each format, read back from stdout itself while the
 * platform runs: the console appender of logback.xml, switched as the launcher switches it.
 */
@DisplayName("The log formats")
class LogFormatTest extends ApiTestBase {
  private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  /** Stdout while {@code run} runs, in {@code format}; the edge's refusals logged at debug. */
  private String stdout(String format, Runnable run) {
    PrintStream before = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Runnable undo = null;
    try (LogCapture refusals = LogCapture.of(Responses.class, Level.DEBUG)) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      undo = LogFormat.apply(new JsonObject().put(LogFormat.FORMAT.key(), format), "all");
      run.run();
    } finally {
      if (undo != null) {
        undo.run();
      }
      System.setOut(before);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** A hold the edge refuses (a quantity of 0), sent with {@code requestId}. */
  private void refusedHold(String eventId, String buyer, String requestId) {
    HttpResponse<Buffer> refused = Api.await(api.request(HttpMethod.POST,
            "/v1/events/" + eventId + "/holds", buyer)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .putHeader(RequestIds.HEADER, requestId)
        .sendJsonObject(new JsonObject().put("section", "GA").put("quantity", 0)));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
  }

  @Test
  @DisplayName("json writes one parseable JSON object a line: timestamp, level, logger, thread, "
      + "role, message, the request ID as a field, and a stack trace as one field")
  void json() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    String refusedId = "test-json-" + UUID.randomUUID();
    String failedId = "test-json-" + UUID.randomUUID();
    String out = stdout("JSON", () -> {
      refusedHold(eventId, buyer, refusedId);
      LogFields.requestId(LoggerFactory.getLogger(LogFormatTest.class).atWarn(), failedId)
          .setCause(new IllegalStateException("boom\non two lines"))
          .log("A line \"quoted\" with a stack trace");
    });

    List<JsonObject> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        try {
          lines.add(new JsonObject(line));
        } catch (DecodeException e) {
          throw new AssertionError("not a JSON line: " + line, e);
        }
      }
    }
    JsonObject refusal = lines.stream()
        .filter(l -> refusedId.equals(l.getString(LogFields.REQUEST_ID))).findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + refusedId + " in " + out));
    assertThat(refusal.getString("timestamp")).matches(TIMESTAMP);
    assertThat(refusal.getString("level")).isEqualTo("DEBUG");
    assertThat(refusal.getString("logger")).isEqualTo(Responses.class.getName());
    assertThat(refusal.getString("thread")).startsWith("vert.x-eventloop-thread-");
    assertThat(refusal.getString("role")).isEqualTo("all");
    assertThat(refusal.getString("message"))
        .isEqualTo("POST /v1/events/" + eventId + "/holds answered 422 validation");

    JsonObject failure = lines.stream()
        .filter(l -> failedId.equals(l.getString(LogFields.REQUEST_ID))).findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + failedId + " in " + out));
    assertThat(failure.getString("level")).isEqualTo("WARN");
    assertThat(failure.getString("message")).isEqualTo("A line \"quoted\" with a stack trace");
    assertThat(failure.getString("exception"))
        .startsWith("java.lang.IllegalStateException: boom\non two lines")
        .contains("\tat " + LogFormatTest.class.getName());
  }

  @Test
  @DisplayName("text writes lines for people, a line's request ID after its message")
  void text() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    String requestId = "test-text-" + UUID.randomUUID();
    String out = stdout("text", () -> refusedHold(eventId, buyer, requestId));
    assertThat(out.lines().filter(line -> line.contains(requestId)).toList()).singleElement()
        .satisfies(line -> assertThat(line).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} DEBUG .*"
            + " - POST /v1/events/" + eventId + "/holds answered 422 validation requestId="
            + requestId));
  }

  @Test
  @DisplayName("a format other than text or json is refused, naming the setting")
  void unknown() {
    assertThat(LogFormat.of(new JsonObject())).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.of(new JsonObject().put(LogFormat.FORMAT.key(), " Json ")))
        .isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogFormat.of(new JsonObject().put(LogFormat.FORMAT.key(), "xml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HOLDFAST_LOG_FORMAT").hasMessageContaining("xml");
  }
}

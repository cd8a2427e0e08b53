package io.holdfast.edge.routes;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.holdfast.contracts.hold.HoldGrant;
import io.vertx.core.buffer.Buffer;

/**
 * A new hold as the API shows it, written straight into a buffer: on the hold path this runs
 * tens of thousands of times a second, and building a JsonObject to encode it cost more than
 * the rest of the answer.
 */
final class HoldJson {
  private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

  private HoldJson() {}

  static Buffer render(HoldGrant g) {
    StringBuilder json = new StringBuilder(320);
    json.append("{\"holdId\":");
    quote(json, g.holdId());
    json.append(",\"eventId\":");
    quote(json, g.eventId());
    json.append(",\"sectionId\":");
    quote(json, g.sectionId());
    json.append(",\"seats\":[");
    for (int i = 0; i < g.seats().size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      quote(json, g.seats().get(i));
    }
    json.append("],\"quantity\":").append(g.quantity())
        .append(",\"amountCents\":").append(g.amountCents())
        .append(",\"currency\":");
    quote(json, g.currency());
    json.append(",\"createdAt\":");
    quote(json, g.createdAt());
    json.append(",\"expiresAt\":");
    quote(json, g.expiresAt());
    json.append(",\"status\":\"active\"}");
    return Buffer.buffer(json.toString());
  }

  private static void quote(StringBuilder json, String value) {
    json.append('"');
    ESCAPE.quoteAsString(value, json);
    json.append('"');
  }
}

package io.holdfast.edge.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A successful answer, kept as data so an idempotent route can store and replay it. The body is
 * JSON already encoded: it is sent, stored and replayed as the same bytes.
 */
public record Reply(int status, Buffer body, String location) {
  public static Reply ok(JsonObject body) {
    return new Reply(200, body.toBuffer(), null);
  }

  public static Reply created(JsonObject body, String location) {
    return created(body.toBuffer(), location);
  }

  public static Reply created(Buffer body, String location) {
    return new Reply(201, body, location);
  }

  public static Reply accepted(JsonObject body) {
    return new Reply(202, body.toBuffer(), null);
  }

  public static Reply noContent() {
    return new Reply(204, null, null);
  }
}

package io.holdfast.edge.http;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.support.ids.Uuids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Cursor pagination: {@code ?limit=} (default 20, at most 100) and an opaque {@code ?cursor=}. */
public record Paging(int limit, Instant at, UUID id) {
  private static final UUID MIN = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
  private static final UUID MAX = new UUID(-1L, -1L);

  /** {@code ascending}: the first page starts at the earliest time, else at the latest. */
  public static Paging of(RoutingContext ctx, boolean ascending) {
    String limitParam = ctx.request().getParam("limit");
    int limit = 20;
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        throw Problem.of(422, "validation", "Invalid request", "limit must be 1 to 100")
            .with("errors", new JsonArray().add(new JsonObject().put("field", "limit")
                .put("message", "must be 1 to 100"))).toException();
      }
    }
    String cursor = ctx.request().getParam("cursor");
    if (cursor == null || cursor.isEmpty()) {
      return ascending ? new Paging(limit, Instant.EPOCH, MIN)
          : new Paging(limit, Instant.parse("9999-12-31T00:00:00Z"), MAX);
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
          .split("\\|");
      return new Paging(limit, Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw Problem.of(422, "validation", "Invalid request", "cursor is not one this API issued")
          .with("errors", new JsonArray().add(new JsonObject().put("field", "cursor")
              .put("message", "is not one this API issued"))).toException();
    }
  }

  /** The page as {@code {items, nextCursor}}; {@code timeField} and {@code idField} make the cursor. */
  public JsonObject page(List<JsonObject> items, String timeField, String idField) {
    String next = null;
    if (items.size() == limit) {
      JsonObject last = items.get(items.size() - 1);
      // The time to the microsecond, as PostgreSQL keeps it: a cursor cut to the millisecond
      // would skip rows that share the last one's millisecond.
      String raw = Instant.parse(last.getString(timeField)) + "|" + last.getString(idField);
      next = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
    return new JsonObject().put("items", new JsonArray(items)).put("nextCursor", next);
  }

  /** A path parameter that must be a UUID; anything else cannot exist: a 404. */
  public static UUID uuid(RoutingContext ctx, String param, String what) {
    String raw = ctx.pathParam(param);
    UUID id = Uuids.parse(raw);
    if (id != null) {
      return id;
    }
    throw Problem.of(404, "not-found", "Not found", what + " " + raw + " was not found")
        .toException();
  }
}

package io.holdfast.edge.routes;

import io.holdfast.catalog.EventStatus;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.catalog.EventQuery;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The filters of an event list, read from the query string: {@code q}, {@code category},
 * {@code from}, {@code to} and {@code status} (one status or several, comma-separated). Every
 * bad one is named in one 422, as a bad body is; an empty parameter does not filter.
 */
final class EventFilters {
  static final List<String> PUBLIC = Arrays.stream(EventStatus.values())
      .filter(EventStatus::listed).map(EventStatus::stored).toList();
  static final List<String> ALL =
      Arrays.stream(EventStatus.values()).map(EventStatus::stored).toList();

  private EventFilters() {}

  /** The filters; {@code statuses} are the ones this caller may ask for (and the default). */
  static EventQuery read(RoutingContext ctx, List<String> statuses) {
    JsonObject params = new JsonObject();
    for (String name : List.of("q", "category", "from", "to", "status")) {
      String value = ctx.request().getParam(name);
      if (value != null && !value.isBlank()) {
        // A '+' in an offset (…T19:30:00+02:00) arrives as a space when it was not encoded.
        params.put(name, name.equals("from") || name.equals("to") ? value.replace(' ', '+')
            : value.trim());
      }
    }
    BodyReader reader = BodyReader.of(params.toBuffer());
    String q = reader.string("q", false, 1, 200);
    String category = reader.string("category", false, 1, 64);
    Instant from = reader.instant("from", false);
    Instant to = reader.instant("to", false);
    if (from != null && to != null && !to.isAfter(from)) {
      reader.error("to", "must be after from");
    }
    List<String> chosen = reader.has("status")
        ? statuses(reader, params.getString("status"), statuses) : statuses;
    reader.validate();
    return new EventQuery(chosen, q, category, from, to, null, null);
  }

  private static List<String> statuses(BodyReader reader, String raw, List<String> allowed) {
    List<String> chosen = new ArrayList<>();
    for (String part : raw.split(",")) {
      String status = part.trim();
      if (allowed.contains(status)) {
        chosen.add(status);
      } else if (ALL.contains(status)) {
        reader.error("status", status + " events are not public; organizers list their own "
            + "with GET /v1/organizer/events");
      } else {
        reader.error("status", "must be one of " + String.join(", ", allowed)
            + " (several may be given, comma-separated)");
      }
    }
    return chosen;
  }
}

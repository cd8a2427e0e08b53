package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/**
 * A request to the reservation core (or, for {@link RebuildEvents}, from it): it knows the
 * address that serves it, and {@code R} is the record that answers it.
 */
public interface CoreRequest<R extends CoreReply> {
  String address();

  JsonObject toJson();
}

package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/** A reply of the core's contract: a record with its JSON form (what travels between processes). */
public interface CoreReply {
  JsonObject toJson();
}

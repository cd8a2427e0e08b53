package io.holdfast.testkit;

import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.CoreReply;
import io.holdfast.contracts.core.CoreRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * A test's calls to the core over the event bus, through the typed contract; the reply comes
 * back as its JSON, refusals as {@code ProblemException}s.
 */
public final class Bus {
  private Bus() {}

  public static Future<JsonObject> send(Vertx vertx, CoreRequest<?> request) {
    return CoreBus.request(vertx, request).map(CoreReply::toJson);
  }

  public static Future<JsonObject> send(Vertx vertx, CoreRequest<?> request,
      DeliveryOptions options) {
    return CoreBus.request(vertx, request, options).map(CoreReply::toJson);
  }

  /** {@link #send}, waited for from a test thread. */
  public static JsonObject request(Vertx vertx, CoreRequest<?> request) throws Exception {
    return Await.await(send(vertx, request));
  }
}

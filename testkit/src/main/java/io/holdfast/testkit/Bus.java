package io.holdfast.testkit;

import io.holdfast.contracts.problem.BusProblems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** A test's calls to the core over the event bus, refusals arriving as {@code ProblemException}s. */
public final class Bus {
  private Bus() {}

  public static Future<JsonObject> send(Vertx vertx, String address, JsonObject body) {
    return BusProblems.unwrapped(vertx.eventBus().<JsonObject>request(address, body)
        .map(Message::body));
  }

  /** {@link #send}, waited for from a test thread. */
  public static JsonObject request(Vertx vertx, String address, JsonObject body) throws Exception {
    return Await.await(send(vertx, address, body));
  }
}

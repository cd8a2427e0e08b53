package io.holdfast.contracts.core;

import io.holdfast.contracts.problem.BusProblems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * Sends a {@link CoreRequest} to the address that serves it and answers its typed reply; a
 * refusal comes back as the {@link io.holdfast.contracts.problem.ProblemException} the core
 * failed with.
 */
public final class CoreBus {
  private CoreBus() {}

  public static <R extends CoreReply> Future<R> request(Vertx vertx, CoreRequest<R> request) {
    return request(vertx, request, new DeliveryOptions());
  }

  public static <R extends CoreReply> Future<R> request(Vertx vertx, CoreRequest<R> request,
      DeliveryOptions delivery) {
    CoreCodecs.register(vertx);
    return BusProblems.unwrapped(vertx.eventBus().<R>request(request.address(), request,
        delivery).map(Message::body));
  }
}

package io.holdfast.contracts.core;

import io.holdfast.contracts.hold.HoldCodecs;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every message of the core's event-bus contract, with its codec: the one place that says what
 * travels between edges, members and workers. Each is registered as the default codec of its
 * record, so senders and consumers name no codec.
 */
public final class CoreCodecs {
  private static final Map<Class<?>, MessageCodec<?, ?>> CODECS = new LinkedHashMap<>();
  /** The local map (and key) that says this Vert.x instance has the codecs already. */
  private static final String REGISTERED = "holdfast.core.codecs";

  static {
    add(LoadEvent.class, LoadEvent::toJson, LoadEvent::fromJson);
    add(Loaded.class, Loaded::toJson, Loaded::fromJson);
    add(AvailabilityRequest.class, AvailabilityRequest::toJson, AvailabilityRequest::fromJson);
    add(Availability.class, Availability::toJson, Availability::fromJson);
    add(GetHold.class, GetHold::toJson, GetHold::fromJson);
    add(HoldView.class, HoldView::toJson, HoldView::fromJson);
    add(Release.class, Release::toJson, Release::fromJson);
    add(Abandon.class, Abandon::toJson, Abandon::fromJson);
    add(HoldChanged.class, HoldChanged::toJson, HoldChanged::fromJson);
    add(Expire.class, Expire::toJson, Expire::fromJson);
    add(Expired.class, Expired::toJson, Expired::fromJson);
    add(Confirm.class, Confirm::toJson, Confirm::fromJson);
    add(Confirmation.class, Confirmation::toJson, Confirmation::fromJson);
    add(Refund.class, Refund::toJson, Refund::fromJson);
    add(RefundResult.class, RefundResult::toJson, RefundResult::fromJson);
    add(Ping.class, Ping::toJson, Ping::fromJson);
    add(Pong.class, Pong::toJson, Pong::fromJson);
    add(RebuildEvents.class, RebuildEvents::toJson, RebuildEvents::fromJson);
    add(Rebuilt.class, Rebuilt::toJson, Rebuilt::fromJson);
    add(EventRebuilt.class, EventRebuilt::toJson, EventRebuilt::fromJson);
  }

  private CoreCodecs() {}

  private static <T> void add(Class<T> type, Function<T, JsonObject> write,
      Function<JsonObject, T> read) {
    CODECS.put(type, new JsonRecordCodec<>("holdfast." + type.getSimpleName(), write, read));
  }

  /**
   * Registers every codec of the core's messages, the hold batch's included, on this Vert.x
   * instance; once however often it is called.
   */
  public static void register(Vertx vertx) {
    // Asked before every request: a look in a concurrent map, the lock only the first time.
    if (vertx.sharedData().getLocalMap(REGISTERED).get(REGISTERED) == null) {
      registerOnce(vertx);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static synchronized void registerOnce(Vertx vertx) {
    if (vertx.sharedData().getLocalMap(REGISTERED).get(REGISTERED) != null) {
      return;
    }
    HoldCodecs.register(vertx);
    EventBus bus = vertx.eventBus();
    CODECS.forEach((type, codec) -> {
      try {
        bus.registerDefaultCodec((Class) type, (MessageCodec) codec);
      } catch (IllegalStateException alreadyRegistered) {
        // registered already on this Vert.x instance: the same codec
      }
    });
    vertx.sharedData().getLocalMap(REGISTERED).put(REGISTERED, true);
  }

  /** The codec of a message record (for tests of the wire form). */
  @SuppressWarnings("unchecked")
  static <T> MessageCodec<T, T> codec(Class<T> type) {
    return (MessageCodec<T, T>) CODECS.get(type);
  }

  /** How many message records the contract has. */
  static int size() {
    return CODECS.size();
  }
}

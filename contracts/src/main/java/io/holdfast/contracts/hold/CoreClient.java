package io.holdfast.contracts.hold;

import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.core.CoreCodecs;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.support.batch.TurnBatcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.shareddata.LocalMap;
import java.util.List;

/**
 * Asks the reservation core for holds. The requests made on one event loop in one turn travel
 * as one event-bus message, so a busy edge pays for the bus once per turn, not once per hold.
 * One client per verticle: it belongs to the context it was made on.
 */
public final class CoreClient {
  /** The most holds in one message; a busier turn sends several. */
  static final int MAX_BATCH = 256;

  /**
   * The local map where core verticles of this Vert.x instance note their event loops: a batch
   * from an edge verticle then goes to the core verticle on its own event loop, when there is
   * one, and never crosses a thread to reach the core.
   */
  public static final String LOCAL_CORES = "holdfast.core.local-loops";

  private final Vertx vertx;
  private final Context context;
  private final DeliveryOptions delivery;
  private final LocalMap<String, Boolean> localCores;
  private final TurnBatcher<HoldRequest, HoldGrant> batcher;
  /** The event loop thread this client runs on, known from its first batch. */
  private String thread;

  public CoreClient(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMillis);
    this.localCores = vertx.sharedData().getLocalMap(LOCAL_CORES);
    this.batcher = new TurnBatcher<>(context, MAX_BATCH, this::send);
    CoreCodecs.register(vertx);
  }

  /** The address a core verticle on the event loop thread {@code thread} also listens on. */
  public static String localAddress(String thread) {
    return Addresses.HOLD_BATCH + "@" + thread;
  }

  /** A hold, or a failure carrying the core's problem (sold out, limit reached, ...). */
  public Future<HoldGrant> hold(HoldRequest request) {
    return batcher.add(request);
  }

  private void send(List<HoldRequest> batch, List<Promise<HoldGrant>> waiting) {
    if (thread == null && context.isEventLoopContext()) {
      thread = Thread.currentThread().getName();
    }
    String address = thread != null && localCores.containsKey(thread) ? localAddress(thread)
        : Addresses.HOLD_BATCH;
    vertx.eventBus().<HoldBatch.Outcomes>request(address, new HoldBatch(batch), delivery)
        .onComplete(ar -> {
          if (ar.failed()) {
            Throwable cause = BusProblems.unwrap(ar.cause());
            waiting.forEach(p -> p.tryFail(cause));
            return;
          }
          List<HoldOutcome> outcomes = ar.result().body().outcomes();
          for (int i = 0; i < waiting.size(); i++) {
            HoldOutcome o = i < outcomes.size() ? outcomes.get(i) : null;
            if (o == null) {
              waiting.get(i).tryFail(new IllegalStateException("the core gave no answer"));
            } else if (o.grant() != null) {
              waiting.get(i).tryComplete(o.grant());
            } else {
              waiting.get(i).tryFail(o.problem().toException());
            }
          }
        });
  }
}

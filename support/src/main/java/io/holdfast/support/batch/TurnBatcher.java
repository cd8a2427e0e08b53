package io.holdfast.support.batch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers what one event loop asks for in one turn and hands it over in one go when the turn
 * ends (or sooner, at {@code max} items): under load, a message or a write then carries many
 * requests; when idle, a request waits for nothing. Belongs to the context it was made on;
 * calls from elsewhere are moved onto it.
 */
public final class TurnBatcher<T, R> {
  /** Sends a batch; must complete every promise, one per item, in order. */
  @FunctionalInterface
  public interface Sender<T, R> {
    void send(List<T> items, List<Promise<R>> promises);
  }

  private final Context context;
  private final int max;
  private final Sender<T, R> sender;
  private List<T> items = new ArrayList<>();
  private List<Promise<R>> promises = new ArrayList<>();
  private boolean scheduled;

  public TurnBatcher(Context context, int max, Sender<T, R> sender) {
    this.context = context;
    this.max = max;
    this.sender = sender;
  }

  public Future<R> add(T item) {
    Promise<R> promise = Promise.promise();
    if (Vertx.currentContext() == context) {
      enqueue(item, promise);
    } else {
      context.runOnContext(ignored -> enqueue(item, promise));
    }
    return promise.future();
  }

  private void enqueue(T item, Promise<R> promise) {
    items.add(item);
    promises.add(promise);
    if (items.size() >= max) {
      flush();
    } else if (!scheduled) {
      scheduled = true;
      // Runs after what this event loop has in hand now: that joins the batch.
      context.runOnContext(ignored -> {
        scheduled = false;
        flush();
      });
    }
  }

  private void flush() {
    if (items.isEmpty()) {
      return;
    }
    List<T> batch = items;
    List<Promise<R>> waiting = promises;
    items = new ArrayList<>();
    promises = new ArrayList<>();
    sender.send(batch, waiting);
  }
}

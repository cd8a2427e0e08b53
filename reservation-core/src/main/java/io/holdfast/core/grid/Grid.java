package io.holdfast.core.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.hold.HoldBook;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.hold.ReadHold;
import io.holdfast.core.inventory.DropShard;
import io.holdfast.core.inventory.EventShard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The grid's maps as Vert.x futures. Hazelcast completes its futures on its own threads; every
 * result is handed back to the calling verticle's context, never to the common pool (which has
 * a single thread on a 2-core box and crawls).
 */
public final class Grid {
  private final Context context;
  private final Executor onContext;
  private final IMap<String, EventShard> inventory;
  private final IMap<String, HoldBook> books;
  private final IMap<String, EventInfo> events;

  public Grid(HazelcastInstance hazelcast, Context context) {
    this.context = context;
    this.onContext = task -> context.runOnContext(ignored -> task.run());
    this.inventory = hazelcast.getMap(GridMaps.INVENTORY);
    this.books = hazelcast.getMap(GridMaps.BOOKS_MAP);
    this.events = hazelcast.getMap(GridMaps.EVENTS);
  }

  public <R> Future<R> onShard(String key, EntryProcessor<String, EventShard, R> processor) {
    return adopt(inventory.submitToKey(key, processor));
  }

  public Future<Boolean> addShardIfAbsent(String key, EventShard shard) {
    // Rare (publishing), and Hazelcast has no async putIfAbsent: a worker thread may block.
    return context.executeBlocking(() -> inventory.putIfAbsent(key, shard) == null, false);
  }

  /** Removes the first {@code entries} inventory entries of an event (its whole inventory). */
  public Future<Void> dropShards(String eventId, int entries) {
    Set<String> keys = new HashSet<>();
    for (int k = 0; k < entries; k++) {
      keys.add(GridMaps.shardKey(eventId, k));
    }
    return adopt(inventory.submitToKeys(keys, new DropShard())).mapEmpty();
  }

  /** Runs a processor on every book of holds that exists. */
  public <R> Future<Map<String, R>> onEveryBook(EntryProcessor<String, HoldBook, R> processor) {
    Set<String> keys = new HashSet<>();
    for (int b = 0; b < GridMaps.BOOKS; b++) {
      keys.add(GridMaps.bookKey(b));
    }
    return adopt(books.submitToKeys(keys, processor));
  }

  /** The IDs of the events whose entries this member owns; read on a worker thread. */
  public Future<List<String>> localEventIds() {
    return context.executeBlocking(() -> new ArrayList<>(events.localKeySet()), false);
  }

  /** Runs a processor on the book of a hold. */
  public <R> Future<R> onHold(HoldKey key, EntryProcessor<String, HoldBook, R> processor) {
    return onBook(key.book(), processor);
  }

  public <R> Future<R> onBook(int book, EntryProcessor<String, HoldBook, R> processor) {
    return adopt(books.submitToKey(GridMaps.bookKey(book), processor));
  }

  public Future<HoldRecord> hold(HoldKey key) {
    return onHold(key, new ReadHold(key));
  }

  public Future<EventInfo> event(String eventId) {
    return adopt(events.getAsync(eventId));
  }

  public Future<Void> putEvent(EventInfo info) {
    return adopt(events.setAsync(info.eventId(), info));
  }

  /** For a rebuild, which must not undo a later edit or cancellation; rare, like shards. */
  public Future<Boolean> addEventIfAbsent(EventInfo info) {
    return context.executeBlocking(() -> events.putIfAbsent(info.eventId(), info) == null, false);
  }

  /**
   * Hazelcast runs even non-async callbacks on its default executor, the common pool; handing
   * the callback straight to our event loop skips that pool (8k/s instead of 350k/s on 2 cores).
   */
  private <T> Future<T> adopt(CompletionStage<T> stage) {
    Promise<T> promise = Promise.promise();
    stage.whenCompleteAsync((value, failure) -> {
      if (failure == null) {
        promise.complete(value);
      } else {
        promise.fail(failure);
      }
    }, onContext);
    return promise.future();
  }
}

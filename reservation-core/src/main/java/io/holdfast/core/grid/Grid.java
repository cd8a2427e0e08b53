package io.holdfast.core.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.hold.BuyerQuota;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.inventory.GaShard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.Map;

/**
 * The grid's maps as Vert.x futures. Hazelcast completes its futures on its own threads; every
 * result is handed back to the calling verticle's context, never to the common pool (which has
 * a single thread on a 2-core box and crawls).
 */
public final class Grid {
  private final Context context;
  private final Executor onContext;
  private final IMap<String, GaShard> inventory;
  private final IMap<GridKey, HoldRecord> holds;
  private final IMap<GridKey, BuyerQuota> buyers;
  private final IMap<String, EventInfo> events;

  public Grid(HazelcastInstance hazelcast, Context context) {
    this.context = context;
    this.onContext = task -> context.runOnContext(ignored -> task.run());
    this.inventory = hazelcast.getMap(GridMaps.INVENTORY);
    this.holds = hazelcast.getMap(GridMaps.HOLDS);
    this.buyers = hazelcast.getMap(GridMaps.BUYERS);
    this.events = hazelcast.getMap(GridMaps.EVENTS);
  }

  public <R> Future<R> onShard(String key, EntryProcessor<String, GaShard, R> processor) {
    return adopt(inventory.submitToKey(key, processor));
  }

  public <R> Future<Map<String, R>> onShards(Set<String> keys,
      EntryProcessor<String, GaShard, R> processor) {
    return adopt(inventory.submitToKeys(keys, processor));
  }

  public Future<Boolean> addShardIfAbsent(String key, GaShard shard) {
    // Rare (publishing), and Hazelcast has no async putIfAbsent: a worker thread may block.
    return context.executeBlocking(() -> inventory.putIfAbsent(key, shard) == null, false);
  }

  public <R> Future<R> onHold(String holdId, EntryProcessor<GridKey, HoldRecord, R> processor) {
    return adopt(holds.submitToKey(GridMaps.holdKey(holdId), processor));
  }

  public Future<HoldRecord> hold(String holdId) {
    return adopt(holds.getAsync(GridMaps.holdKey(holdId)));
  }

  /** Stores new hold records: one operation per bucket, not per hold. */
  public Future<Void> putHolds(List<HoldRecord> records) {
    Map<GridKey, HoldRecord> all = new HashMap<>();
    for (HoldRecord r : records) {
      all.put(GridMaps.holdKey(r.holdId()), r);
    }
    return adopt(holds.putAllAsync(all));
  }

  public <R> Future<R> onBuyer(GridKey key, EntryProcessor<GridKey, BuyerQuota, R> processor) {
    return adopt(buyers.submitToKey(key, processor));
  }

  /** Runs one processor over several buyer keys (best when they share a bucket). */
  public <R> Future<Map<GridKey, R>> onBuyers(Set<GridKey> keys,
      EntryProcessor<GridKey, BuyerQuota, R> processor) {
    return adopt(buyers.submitToKeys(keys, processor));
  }

  public Future<EventInfo> event(String eventId) {
    return adopt(events.getAsync(eventId));
  }

  public Future<Void> putEvent(EventInfo info) {
    return adopt(events.setAsync(info.eventId(), info));
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

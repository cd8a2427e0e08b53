package io.holdfast.core.hold;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.ReleaseSlots;
import io.holdfast.core.inventory.TakeBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Takes holds in micro-batches. The holds that reach one event loop in one turn are taken
 * together: one entry processor per inventory shard, then one per book of holds (which checks
 * each buyer's allowance and records the hold), and one Kafka record, instead of several grid
 * operations and a Kafka record per hold. Each hold is still all or nothing: what a shard
 * cannot give is looked for in the section's other shards, and given back when the section
 * cannot cover it. One batcher per verticle instance, used only from its event loop.
 */
public final class HoldBatcher {
  /** The most holds one flush takes; later ones wait for the next turn. */
  static final int MAX_BATCH = 512;
  /**
   * After a hold found no free slot in any shard of its section, later holds for the section
   * are refused at once for this long, instead of each visiting every shard of a sold-out
   * section (a sell-out brings thousands of them a second).
   */
  static final long SOLD_OUT_HINT_MILLIS = 100;
  static final long EVENT_CACHE_MILLIS = 1000;

  private final Context context;
  private final Grid grid;
  private final LongSupplier clock;
  private final Function<List<HoldRecord>, Future<Void>> publish;
  private List<Request> pending = new ArrayList<>();
  private final Map<String, Long> soldOutUntil = new HashMap<>();
  private final Map<String, CachedEvent> events = new HashMap<>();

  public HoldBatcher(Context context, Grid grid, LongSupplier clock,
      Function<List<HoldRecord>, Future<Void>> publish) {
    this.context = context;
    this.grid = grid;
    this.clock = clock;
    this.publish = publish;
  }

  /** One hold request on its way through a batch. */
  private static final class Request {
    final String eventId;
    final String buyerId;
    final String sectionId;
    final int quantity;
    final String holdId;
    final int book;
    final Promise<HoldRecord> promise = Promise.promise();
    int[] shards;
    int[][] slots;
    // While spilling into other shards:
    int home;
    int target;
    int got;
    List<Integer> usedShards;
    List<int[]> usedSlots;

    Request(String eventId, String buyerId, String sectionId, int quantity) {
      this.eventId = eventId;
      this.buyerId = buyerId;
      this.sectionId = sectionId;
      this.quantity = quantity;
      this.book = HoldIds.bookOf(eventId, buyerId);
      this.holdId = HoldIds.next(book);
    }

    void refuse(Problem problem) {
      promise.tryFail(problem.toException());
    }
  }

  /** Takes a hold, or fails with the precise problem: sold out, not on sale, limit reached. */
  public Future<HoldRecord> hold(String eventId, String buyerId, String sectionId, int quantity) {
    Request request = new Request(eventId, buyerId, sectionId, quantity);
    pending.add(request);
    if (pending.size() == 1) {
      // Runs after whatever else this event loop has queued now: those holds join the batch.
      context.runOnContext(ignored -> flush());
    } else if (pending.size() >= MAX_BATCH) {
      flush();
    }
    return request.promise.future();
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Request> batch = pending;
    pending = new ArrayList<>();
    Map<String, List<Request>> byEvent = new HashMap<>();
    for (Request r : batch) {
      byEvent.computeIfAbsent(r.eventId, k -> new ArrayList<>()).add(r);
    }
    byEvent.forEach(this::place);
  }

  private void place(String eventId, List<Request> requests) {
    long now = clock.getAsLong();
    event(eventId, now).compose(event -> {
      if (event == null) {
        requests.forEach(r -> r.refuse(Problems.notFound("Event " + eventId)));
        return Future.succeededFuture();
      }
      List<Request> valid = validate(event, requests, now);
      long expiresAt = now + event.holdSeconds() * 1000L;
      return take(event, valid, expiresAt, now)
          .compose(taken -> record(event, taken, now, expiresAt));
    }).onFailure(t -> requests.forEach(r -> r.promise.tryFail(t)));
  }

  /**
   * The event, from a copy this batcher keeps for a second: a batch then costs no grid read
   * for it (a change to the event, such as its sales window, is seen within that second).
   */
  private Future<EventInfo> event(String eventId, long now) {
    CachedEvent cached = events.get(eventId);
    if (cached != null && cached.until > now) {
      return Future.succeededFuture(cached.event);
    }
    return grid.event(eventId).onSuccess(event -> {
      if (event != null) {
        if (events.size() > 1000) {
          events.clear();
        }
        events.put(eventId, new CachedEvent(event, now + EVENT_CACHE_MILLIS));
      }
    });
  }

  private record CachedEvent(EventInfo event, long until) {}

  private List<Request> validate(EventInfo event, List<Request> requests, long now) {
    List<Request> valid = new ArrayList<>(requests.size());
    for (Request r : requests) {
      EventInfo.Section section = event.section(r.sectionId);
      if (section == null) {
        r.refuse(Problem.of(422, "unknown-section", "Unknown section",
            "Event " + r.eventId + " has no section " + r.sectionId));
      } else if (!event.onSale(now)) {
        r.refuse(Problems.salesClosed());
      } else if (r.quantity > event.maxPerBuyer()) {
        r.refuse(Problems.purchaseLimit(event.maxPerBuyer(), event.maxPerBuyer()));
      } else if (soldOutUntil.getOrDefault(r.eventId + '/' + r.sectionId, 0L) > now) {
        r.refuse(Problems.soldOut(r.sectionId));
      } else {
        valid.add(r);
      }
    }
    return valid;
  }

  /** Takes slots: one batch per home shard, then the rare spill into other shards. */
  private Future<List<Request>> take(EventInfo event, List<Request> requests, long expiresAt,
      long now) {
    Map<String, List<Request>> byShard = new LinkedHashMap<>();
    for (Request r : requests) {
      int shards = event.section(r.sectionId).shards();
      int home = Math.floorMod(r.holdId.hashCode(), shards);
      r.shards = new int[] {home};
      byShard.computeIfAbsent(GridMaps.shardKey(event.eventId(), r.sectionId, home),
          k -> new ArrayList<>()).add(r);
    }
    List<Future<?>> ops = new ArrayList<>();
    byShard.forEach((key, group) -> {
      String[] holdIds = group.stream().map(r -> r.holdId).toArray(String[]::new);
      int[] quantities = group.stream().mapToInt(r -> r.quantity).toArray();
      ops.add(grid.onShard(key, new TakeBatch(holdIds, quantities, expiresAt, now))
          .onSuccess(packed -> {
            int[][] taken = TakeBatch.slotsOf(packed, group.size());
            for (int i = 0; i < group.size(); i++) {
              group.get(i).slots = new int[][] {taken[i]};
            }
          }));
    });
    return Future.all(ops).compose(ignored -> spill(event, requests, expiresAt, now));
  }

  /**
   * Finishes the holds their home shard could not cover, in rounds: in round k each such hold
   * asks the k-th shard after its home, one batch per shard. A hold that has visited every
   * shard of its section without being covered gives back what it took and is refused.
   */
  private Future<List<Request>> spill(EventInfo event, List<Request> requests, long expiresAt,
      long now) {
    List<Request> held = new ArrayList<>(requests.size());
    List<Request> missing = new ArrayList<>();
    for (Request r : requests) {
      r.got = r.slots[0].length;
      if (r.got == r.quantity) {
        held.add(r);
      } else {
        r.home = r.shards[0];
        r.usedShards = new ArrayList<>();
        r.usedSlots = new ArrayList<>();
        if (r.got > 0) {
          r.usedShards.add(r.home);
          r.usedSlots.add(r.slots[0]);
        }
        missing.add(r);
      }
    }
    return spillRound(event, missing, 1, expiresAt, now, held).map(held);
  }

  private Future<Void> spillRound(EventInfo event, List<Request> missing, int round,
      long expiresAt, long now, List<Request> held) {
    if (missing.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, List<Request>> byShard = new LinkedHashMap<>();
    List<Future<?>> ops = new ArrayList<>();
    for (Request r : missing) {
      EventInfo.Section section = event.section(r.sectionId);
      if (round >= section.shards()) {
        if (r.got == 0) {
          soldOutUntil.put(r.eventId + '/' + r.sectionId, now + SOLD_OUT_HINT_MILLIS);
        }
        ops.add(giveBack(event.eventId(), r.sectionId, r.holdId, r.usedShards));
        r.refuse(Problems.soldOut(r.sectionId));
        continue;
      }
      r.target = (r.home + round) % section.shards();
      byShard.computeIfAbsent(GridMaps.shardKey(event.eventId(), r.sectionId, r.target),
          k -> new ArrayList<>()).add(r);
    }
    List<Request> next = new ArrayList<>();
    byShard.forEach((key, group) -> {
      String[] holdIds = group.stream().map(r -> r.holdId).toArray(String[]::new);
      int[] quantities = group.stream().mapToInt(r -> r.quantity - r.got).toArray();
      ops.add(grid.onShard(key, new TakeBatch(holdIds, quantities, expiresAt, now))
          .onSuccess(packed -> {
            int[][] taken = TakeBatch.slotsOf(packed, group.size());
            for (int i = 0; i < group.size(); i++) {
              Request r = group.get(i);
              if (taken[i].length > 0) {
                r.got += taken[i].length;
                r.usedShards.add(r.target);
                r.usedSlots.add(taken[i]);
              }
              if (r.got == r.quantity) {
                r.shards = r.usedShards.stream().mapToInt(Integer::intValue).toArray();
                r.slots = r.usedSlots.toArray(new int[0][]);
                held.add(r);
              } else {
                next.add(r);
              }
            }
          }));
    });
    return Future.all(ops).compose(ignored ->
        spillRound(event, next, round + 1, expiresAt, now, held));
  }

  /**
   * Records the holds in their books, where each buyer's allowance is checked (one entry
   * processor per book); gives back the slots of holds past their buyer's limit; answers every
   * hold of the batch; tells Kafka.
   */
  private Future<Void> record(EventInfo event, List<Request> held, long now, long expiresAt) {
    Map<Integer, List<Request>> byBook = new HashMap<>();
    Map<Request, HoldRecord> records = new HashMap<>();
    for (Request r : held) {
      EventInfo.Section section = event.section(r.sectionId);
      records.put(r, new HoldRecord(r.holdId, r.eventId, r.buyerId, r.sectionId, r.quantity,
          section.priceCents() * r.quantity, event.currency(), now, expiresAt, r.shards,
          r.slots));
      byBook.computeIfAbsent(r.book, k -> new ArrayList<>()).add(r);
    }
    List<Request> placed = new ArrayList<>(held.size());
    List<Future<?>> ops = new ArrayList<>();
    byBook.forEach((book, group) -> {
      HoldRecord[] batch = group.stream().map(records::get).toArray(HoldRecord[]::new);
      ops.add(grid.onBook(book, new PlaceHolds(batch, event.maxPerBuyer(), now))
          .compose(results -> {
            List<Future<?>> undo = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
              Request r = group.get(i);
              if (results[i] >= 0) {
                placed.add(r);
              } else {
                undo.add(giveBack(event.eventId(), r.sectionId, r.holdId,
                    Arrays.stream(r.shards).boxed().toList()));
                r.refuse(Problems.purchaseLimit(event.maxPerBuyer(), -1 - results[i]));
              }
            }
            return Future.all(undo);
          }));
    });
    return Future.all(ops).compose(ignored -> {
      if (placed.isEmpty()) {
        return Future.succeededFuture();
      }
      List<HoldRecord> done = placed.stream().map(records::get).toList();
      placed.forEach(r -> r.promise.tryComplete(records.get(r)));
      // Not waited for: the holds are safe in the grid already, and the core frees a lapsed
      // hold by itself; the record only lets the expiry-worker free it sooner.
      publish.apply(done);
      return Future.succeededFuture();
    });
  }

  private Future<?> giveBack(String eventId, String sectionId, String holdId,
      List<Integer> shards) {
    List<Future<Integer>> undo = new ArrayList<>();
    for (int shard : shards) {
      undo.add(grid.onShard(GridMaps.shardKey(eventId, sectionId, shard),
          new ReleaseSlots(holdId)));
    }
    return Future.all(undo);
  }
}

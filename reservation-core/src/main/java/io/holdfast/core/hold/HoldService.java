package io.holdfast.core.hold;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.ConfirmSlots;
import io.holdfast.core.inventory.ReleaseSlots;
import io.holdfast.contracts.Sharding;
import io.holdfast.core.inventory.TakeSlots;
import io.holdfast.core.inventory.UnsellSlots;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Holds, releases, expiries and confirmations of general-admission tickets. Each step is one
 * entry processor on one entry; a hold that spans shards is made all-or-nothing by giving back
 * what it took when the shards together cannot cover it.
 */
public final class HoldService {
  private final Grid grid;
  private final LongSupplier clock;

  public HoldService(Grid grid, LongSupplier clock) {
    this.grid = grid;
    this.clock = clock;
  }

  /** Takes a hold, or fails with the precise problem: sold out, not on sale, limit reached. */
  public Future<HoldRecord> hold(String eventId, String buyerId, String sectionId, int quantity,
      String holdId) {
    long now = clock.getAsLong();
    return grid.event(eventId).compose(event -> {
      if (event == null) {
        return Future.failedFuture(Problems.notFound("Event " + eventId).toException());
      }
      EventInfo.Section section = event.section(sectionId);
      if (section == null) {
        return Future.failedFuture(Problem.of(422, "unknown-section", "Unknown section",
            "Event " + eventId + " has no section " + sectionId).toException());
      }
      if (!event.onSale(now)) {
        return Future.failedFuture(Problems.salesClosed().toException());
      }
      if (quantity > event.maxPerBuyer()) {
        return Future.failedFuture(Problems.purchaseLimit(event.maxPerBuyer(),
            event.maxPerBuyer()).toException());
      }
      long expiresAt = now + event.holdSeconds() * 1000L;
      String buyerKey = GridMaps.buyerKey(eventId, buyerId);
      return grid.onBuyer(buyerKey,
              new ReserveQuota(holdId, quantity, event.maxPerBuyer(), expiresAt, now))
          .compose(left -> {
            if (left < 0) {
              return Future.failedFuture(Problems.purchaseLimit(event.maxPerBuyer(), -1 - left)
                  .toException());
            }
            return take(eventId, section, holdId, quantity, expiresAt, now)
                .compose(taken -> {
                  if (taken == null) {
                    return grid.onBuyer(buyerKey, new SettleQuota(holdId, 0))
                        .transform(ignored -> Future.failedFuture(
                            Problems.soldOut(sectionId).toException()));
                  }
                  HoldRecord record = new HoldRecord(holdId, eventId, buyerId, sectionId,
                      quantity, section.priceCents() * quantity, event.currency(), now,
                      expiresAt, taken.shards(), taken.slots());
                  return grid.putHold(record).map(record);
                });
          });
    });
  }

  private record Taken(int[] shards, int[][] slots) {}

  /** Visits the shards from one chosen by the hold ID until {@code quantity} slots are taken. */
  private Future<Taken> take(String eventId, EventInfo.Section section, String holdId,
      int quantity, long expiresAt, long now) {
    int shards = section.shards();
    int home = Math.floorMod(holdId.hashCode(), shards);
    List<Integer> usedShards = new ArrayList<>();
    List<int[]> usedSlots = new ArrayList<>();
    return takeFrom(eventId, section, holdId, quantity, expiresAt, now, home, 0, usedShards,
        usedSlots);
  }

  private Future<Taken> takeFrom(String eventId, EventInfo.Section section, String holdId,
      int missing, long expiresAt, long now, int home, int visited, List<Integer> usedShards,
      List<int[]> usedSlots) {
    if (missing == 0) {
      return Future.succeededFuture(new Taken(
          usedShards.stream().mapToInt(Integer::intValue).toArray(),
          usedSlots.toArray(new int[0][])));
    }
    if (visited == section.shards()) {
      // Not enough in the whole section: give back what was taken, all or nothing.
      List<Future<Integer>> undo = new ArrayList<>();
      for (int shard : usedShards) {
        undo.add(grid.onShard(GridMaps.shardKey(eventId, section.id(), shard),
            new ReleaseSlots(holdId)));
      }
      return Future.all(undo).map(ignored -> null);
    }
    int shard = (home + visited) % section.shards();
    return grid.onShard(GridMaps.shardKey(eventId, section.id(), shard),
            new TakeSlots(holdId, missing, expiresAt, now, true))
        .compose(slots -> {
          int got = slots == null ? 0 : slots.length;
          if (got > 0) {
            usedShards.add(shard);
            usedSlots.add(slots);
          }
          return takeFrom(eventId, section, holdId, missing - got, expiresAt, now, home,
              visited + 1, usedShards, usedSlots);
        });
  }

  /** The hold if {@code buyerId} holds it (null buyer: any); otherwise a 404, never a leak. */
  public Future<HoldRecord> find(String holdId, String buyerId) {
    return grid.hold(holdId).compose(record -> {
      if (record == null || (buyerId != null && !buyerId.equals(record.buyerId()))) {
        return Future.failedFuture(Problems.notFound("Hold " + holdId).toException());
      }
      return Future.succeededFuture(record);
    });
  }

  /** The holder gives the hold back; seats are free at once. A confirmed hold is a 409. */
  public Future<String> release(String holdId, String buyerId) {
    return find(holdId, buyerId).compose(found -> {
      if (HoldRecord.CONFIRMED.equals(found.status())) {
        return Future.failedFuture(Problems.conflict("hold-confirmed", "Hold confirmed",
            "Hold " + holdId + " is paid for; ask for a refund instead").toException());
      }
      return end(holdId, HoldRecord.RELEASED);
    });
  }

  /** Payment failed: the seats go back at once. */
  public Future<String> abandon(String holdId) {
    return end(holdId, HoldRecord.RELEASED);
  }

  /** Releases a hold whose time is up; answers "not-due" with the wait when it is early. */
  public Future<JsonObject> expire(String holdId) {
    long now = clock.getAsLong();
    return grid.hold(holdId).compose(record -> {
      if (record == null) {
        return Future.succeededFuture(new JsonObject().put("status", "unknown"));
      }
      if (!HoldRecord.ACTIVE.equals(record.status())) {
        return Future.succeededFuture(new JsonObject().put("status", record.status()));
      }
      if (record.expiresAt() > now) {
        return Future.succeededFuture(new JsonObject().put("status", "not-due")
            .put("retryInMillis", record.expiresAt() - now));
      }
      return end(holdId, HoldRecord.EXPIRED).map(s -> new JsonObject().put("status", s));
    });
  }

  /** Moves an active hold to {@code status} and frees its slots and its buyer's allowance. */
  private Future<String> end(String holdId, String status) {
    return grid.onHold(holdId, new HoldTransition(status, null, HoldRecord.ACTIVE))
        .compose(record -> {
          if (record == null) {
            return Future.failedFuture(Problems.notFound("Hold " + holdId).toException());
          }
          if (HoldRecord.CONFIRMED.equals(record.status())) {
            return Future.succeededFuture(record.status());
          }
          List<Future<?>> steps = new ArrayList<>();
          for (int shard : record.shards()) {
            steps.add(grid.onShard(GridMaps.shardKey(record.eventId(), record.sectionId(), shard),
                new ReleaseSlots(holdId)));
          }
          steps.add(grid.onBuyer(GridMaps.buyerKey(record.eventId(), record.buyerId()),
              new SettleQuota(holdId, 0)));
          return Future.all(steps).map(record.status());
        });
  }

  /**
   * Sells a paid hold. A lapsed hold is re-taken where its slots are still free; when they are
   * not, whatever was sold is given back and the answer is "unavailable" (the payment is
   * refunded). Confirming twice answers the same slots.
   */
  public Future<JsonObject> confirm(String holdId) {
    long now = clock.getAsLong();
    return grid.hold(holdId).compose(record -> {
      if (record == null) {
        return Future.succeededFuture(new JsonObject().put("status", "unavailable")
            .put("reason", "hold-unknown"));
      }
      if (HoldRecord.FORFEITED.equals(record.status())) {
        // Once refused, always refused: the payment is being refunded.
        return Future.succeededFuture(refusal(record));
      }
      int[] shards = record.shards();
      List<Future<int[]>> sells = new ArrayList<>();
      for (int i = 0; i < shards.length; i++) {
        sells.add(grid.onShard(GridMaps.shardKey(record.eventId(), record.sectionId(), shards[i]),
            new ConfirmSlots(holdId, record.quantityIn(i), now)));
      }
      return Future.all(sells).compose(all -> {
        int[][] sold = new int[shards.length][];
        boolean complete = true;
        for (int i = 0; i < shards.length; i++) {
          sold[i] = all.resultAt(i);
          complete &= sold[i] != null;
        }
        return complete ? confirmed(record, sold) : unavailable(record, sold);
      });
    });
  }

  private Future<JsonObject> confirmed(HoldRecord record, int[][] sold) {
    return grid.onHold(record.holdId(), new HoldTransition(HoldRecord.CONFIRMED, sold,
            HoldRecord.ACTIVE, HoldRecord.EXPIRED, HoldRecord.RELEASED, HoldRecord.CONFIRMED))
        .compose(after -> {
          if (after == null || !HoldRecord.CONFIRMED.equals(after.status())) {
            // A concurrent delivery refused this payment first (forfeited is final).
            return unsell(record, sold).map(refusal(record));
          }
          return grid.onBuyer(GridMaps.buyerKey(record.eventId(), record.buyerId()),
                  new SettleQuota(record.holdId(), record.quantity()))
              .compose(ignored -> soldAnswer(record, after.slots()));
        });
  }

  /**
   * The seats are gone: the hold is forfeited (final) and what this attempt sold is given back.
   * If a concurrent delivery confirmed the hold meanwhile, its sale stands and is the answer.
   */
  private Future<JsonObject> unavailable(HoldRecord record, int[][] sold) {
    return grid.onHold(record.holdId(), new HoldTransition(HoldRecord.FORFEITED, null,
            HoldRecord.ACTIVE, HoldRecord.EXPIRED, HoldRecord.RELEASED))
        .compose(after -> after != null && HoldRecord.CONFIRMED.equals(after.status())
            ? soldAnswer(record, after.slots())
            : unsell(record, sold).map(refusal(record)));
  }

  private Future<Void> unsell(HoldRecord record, int[][] sold) {
    List<Future<Integer>> undo = new ArrayList<>();
    for (int i = 0; i < sold.length; i++) {
      if (sold[i] != null) {
        undo.add(grid.onShard(
            GridMaps.shardKey(record.eventId(), record.sectionId(), record.shards()[i]),
            new UnsellSlots(record.holdId())));
      }
    }
    return Future.all(undo).mapEmpty();
  }

  private JsonObject refusal(HoldRecord record) {
    return record.toJson(clock.getAsLong()).put("status", "unavailable")
        .put("reason", "seats-resold");
  }

  /** The confirmation: section-wide slot numbers, one ticket each. */
  private Future<JsonObject> soldAnswer(HoldRecord record, int[][] sold) {
    return grid.event(record.eventId()).map(event -> {
      EventInfo.Section section = event.section(record.sectionId());
      JsonArray slots = new JsonArray();
      int[] shards = record.shards();
      for (int i = 0; i < shards.length; i++) {
        int base = Sharding.base(section.capacity(), section.shards(), shards[i]);
        for (int local : sold[i]) {
          slots.add(base + local);
        }
      }
      return record.toJson(clock.getAsLong()).put("status", "confirmed").put("slots", slots);
    });
  }
}

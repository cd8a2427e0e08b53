package io.holdfast.core.hold;

import io.holdfast.contracts.core.Confirmation;
import io.holdfast.contracts.core.HoldStatus;
import io.holdfast.contracts.core.RefundResult;
import io.holdfast.contracts.hold.HoldKey;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridLoss;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.ConfirmSlots;
import io.holdfast.core.inventory.ReleaseSlots;
import io.holdfast.contracts.Sharding;
import io.holdfast.core.inventory.UnsellSlots;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What happens to a hold after it is taken (see {@link HoldBatcher}): reading, releasing,
 * confirming and refunding it (expiring is {@link HoldExpiry}'s). Each step is one entry
 * processor on one entry.
 */
public final class HoldService {
  private final Grid grid;
  private final LongSupplier clock;
  private final GridLoss loss;

  public HoldService(Grid grid, LongSupplier clock, GridLoss loss) {
    this.grid = grid;
    this.clock = clock;
    this.loss = loss;
  }

  /** The hold if {@code buyerId} holds it (null buyer: any); otherwise a 404, never a leak. */
  public Future<HoldRecord> find(String holdId, String buyerId) {
    HoldKey key = HoldKey.parse(holdId);
    if (key == null) {
      return Future.failedFuture(Problems.notFound("Hold " + holdId).toException());
    }
    return grid.hold(key).compose(record -> {
      if (record == null || (buyerId != null && !buyerId.equals(record.buyerId()))) {
        return Future.failedFuture(Problems.notFound("Hold " + holdId).toException());
      }
      return Future.succeededFuture(record);
    });
  }

  /** The holder gives the hold back; seats are free at once. A confirmed hold is a 409. */
  public Future<HoldStatus> release(String holdId, String buyerId) {
    return find(holdId, buyerId).compose(found -> {
      if (HoldRecord.CONFIRMED.equals(found.status())) {
        return Future.failedFuture(Problems.conflict("hold-confirmed", "Hold confirmed",
            "Hold " + holdId + " is paid for; ask for a refund instead").toException());
      }
      return end(found.key(), HoldRecord.RELEASED);
    });
  }

  /** Payment failed: the seats go back at once. */
  public Future<HoldStatus> abandon(String holdId) {
    HoldKey key = HoldKey.parse(holdId);
    return key == null ? Future.failedFuture(Problems.notFound("Hold " + holdId).toException())
        : end(key, HoldRecord.RELEASED);
  }

  /** Moves an active hold to {@code status} and frees its slots and its buyer's allowance. */
  private Future<HoldStatus> end(HoldKey key, String status) {
    return grid.onHold(key, new HoldTransition(key, status, null, HoldRecord.ACTIVE))
        .compose(record -> {
          if (record == null) {
            return Future.failedFuture(Problems.notFound("Hold " + key).toException());
          }
          if (HoldRecord.CONFIRMED.equals(record.status())) {
            return Future.succeededFuture(HoldStatus.CONFIRMED);
          }
          List<Future<?>> steps = new ArrayList<>();
          for (int p = 0; p < record.parts(); p++) {
            steps.add(grid.onShard(GridMaps.shardKey(record.eventId(), record.entryOf(p)),
                new ReleaseSlots(record.sectionOf(p), key.hi(), key.lo())));
          }
          return Future.all(steps).map(HoldStatus.of(record.status()));
        });
  }

  /**
   * Sells a paid hold. A hold still counted in its holder's allowance sells its slots. A
   * released or lapsed one re-takes its slots only when they are still free and the holder's
   * allowance has room for it beside its active holds and tickets (checked with the sale, in
   * the book); otherwise whatever was sold is given back, the hold is forfeited and the answer
   * is "unavailable" (the payment is refunded). Confirming twice answers the same slots.
   */
  public Future<Confirmation> confirm(String holdId) {
    long now = clock.getAsLong();
    HoldKey key = HoldKey.parse(holdId);
    if (key == null) {
      return Future.succeededFuture(Confirmation.unavailable(null, Confirmation.HOLD_UNKNOWN));
    }
    return grid.hold(key).compose(record -> {
      // After a grid loss an absent entry or record is not an answer: the payment-worker
      // retries the 503 once the rebuild is done, instead of refunding a sold hold.
      if (record == null ? loss.bookLost(key.book()) : loss.closed(record.eventId())) {
        return Future.failedFuture(Problems.inventoryRebuilding("Hold " + holdId)
            .toException());
      }
      if (record == null) {
        return Future.succeededFuture(Confirmation.unavailable(null,
            Confirmation.HOLD_UNKNOWN));
      }
      if (HoldRecord.FORFEITED.equals(record.status())
          || HoldRecord.REFUNDED.equals(record.status())) {
        // Once refused or refunded, always refused: the payment is being refunded.
        return Future.succeededFuture(refusal(record, Confirmation.SEATS_RESOLD));
      }
      return grid.event(record.eventId()).compose(event -> sell(record, event, now));
    });
  }

  private Future<Confirmation> sell(HoldRecord record, EventInfo event, long now) {
    HoldKey key = record.key();
    int parts = record.parts();
    List<Future<int[]>> sells = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      sells.add(grid.onShard(GridMaps.shardKey(record.eventId(), record.entryOf(i)),
          new ConfirmSlots(record.sectionOf(i), key.hi(), key.lo(), record.quantityIn(i),
              record.seatsIn(i), now)));
    }
    return Future.all(sells).compose(all -> {
      int[][] sold = new int[parts][];
      boolean complete = true;
      for (int i = 0; i < parts; i++) {
        sold[i] = all.resultAt(i);
        complete &= sold[i] != null;
      }
      return complete ? confirmed(record, sold, event, now) : unavailable(record, sold, event);
    });
  }

  /**
   * A sold hold was refunded: it becomes refunded (final, so a late confirmation of it is
   * refused) and its slots go back on sale, in every part. Answers refunded with how many
   * slots went back once the hold is refunded (a repeat changes nothing: the shards no longer
   * have it), or the status of a hold that was not sold, which is left alone.
   */
  public Future<RefundResult> refund(String holdId) {
    HoldKey key = HoldKey.parse(holdId);
    if (key == null) {
      return Future.failedFuture(Problems.notFound("Hold " + holdId).toException());
    }
    return grid.onHold(key, new HoldTransition(key, HoldRecord.REFUNDED, null,
            HoldRecord.CONFIRMED))
        .compose(record -> {
          if (record == null) {
            return Future.failedFuture(Problems.notFound("Hold " + holdId).toException());
          }
          if (!HoldRecord.REFUNDED.equals(record.status())) {
            return Future.succeededFuture(new RefundResult(HoldStatus.of(record.status()), 0));
          }
          List<Future<Integer>> returned = new ArrayList<>();
          for (int p = 0; p < record.parts(); p++) {
            returned.add(grid.onShard(GridMaps.shardKey(record.eventId(), record.entryOf(p)),
                new UnsellSlots(record.sectionOf(p), key.hi(), key.lo())));
          }
          return Future.all(returned).map(all -> {
            int n = 0;
            for (int p = 0; p < all.size(); p++) {
              Integer part = all.resultAt(p);
              n += part == null ? 0 : part;
            }
            return new RefundResult(HoldStatus.REFUNDED, n);
          });
        });
  }

  /**
   * Every slot is sold: the book confirms the hold, or forfeits it when it no longer counted in
   * its holder's allowance and the allowance is spent (an unknown event counts as spent).
   */
  private Future<Confirmation> confirmed(HoldRecord record, int[][] sold, EventInfo event,
      long now) {
    HoldKey key = record.key();
    return grid.onHold(key, HoldTransition.confirm(key, sold,
            event == null ? -1 : event.maxPerBuyer(), now,
            HoldRecord.ACTIVE, HoldRecord.EXPIRED, HoldRecord.RELEASED, HoldRecord.CONFIRMED))
        .compose(after -> {
          if (after == null || !HoldRecord.CONFIRMED.equals(after.status())) {
            // Past the purchase limit, or a concurrent delivery refused this payment first
            // (forfeited is final): what this attempt sold goes back.
            return unsell(record, sold).map(refusal(record, after != null
                && HoldRecord.FORFEITED.equals(after.status()) ? Confirmation.PURCHASE_LIMIT
                : Confirmation.SEATS_RESOLD));
          }
          return soldAnswer(record, after.slots(), event);
        });
  }

  /**
   * The seats are gone: the hold is forfeited (final) and what this attempt sold is given back.
   * If a concurrent delivery confirmed the hold meanwhile, its sale stands and is the answer.
   */
  private Future<Confirmation> unavailable(HoldRecord record, int[][] sold, EventInfo event) {
    HoldKey key = record.key();
    return grid.onHold(key, new HoldTransition(key, HoldRecord.FORFEITED, null,
            HoldRecord.ACTIVE, HoldRecord.EXPIRED, HoldRecord.RELEASED))
        .compose(after -> after != null && HoldRecord.CONFIRMED.equals(after.status())
            ? soldAnswer(record, after.slots(), event)
            : unsell(record, sold).map(refusal(record, Confirmation.SEATS_RESOLD)));
  }

  private Future<Void> unsell(HoldRecord record, int[][] sold) {
    List<Future<Integer>> undo = new ArrayList<>();
    for (int i = 0; i < sold.length; i++) {
      if (sold[i] != null) {
        undo.add(grid.onShard(
            GridMaps.shardKey(record.eventId(), record.entryOf(i)),
            new UnsellSlots(record.sectionOf(i), record.key().hi(), record.key().lo())));
      }
    }
    return Future.all(undo).mapEmpty();
  }

  /** A paid hold refused: its seats went to someone else, or its buyer's limit. */
  private Confirmation refusal(HoldRecord record, String reason) {
    return Confirmation.unavailable(record.view(clock.getAsLong()), reason);
  }

  /**
   * The confirmation: one ticket per slot, {@code {sectionId, slot, seat}}, slots numbered
   * section-wide (a reserved seat's slot is its place in the section, and it has a seat ID).
   */
  private Future<Confirmation> soldAnswer(HoldRecord record, int[][] sold, EventInfo known) {
    Future<EventInfo> read = known != null ? Future.succeededFuture(known)
        : grid.event(record.eventId());
    return read.map(event -> {
      List<Confirmation.Ticket> tickets = new ArrayList<>();
      for (int i = 0; i < record.parts(); i++) {
        EventInfo.Section section = event.sections().get(record.sectionOf(i));
        int base = section.reserved() ? 0 : Sharding.base(section.capacity(), section.shards(),
            section.shardIn(record.entryOf(i)));
        for (int local : sold[i]) {
          tickets.add(new Confirmation.Ticket(section.id(), base + local,
              section.reserved() ? section.layout().seatId(local) : null));
        }
      }
      return Confirmation.confirmed(record.view(clock.getAsLong()), tickets);
    });
  }
}

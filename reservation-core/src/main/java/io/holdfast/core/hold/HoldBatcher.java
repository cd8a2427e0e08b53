package io.holdfast.core.hold;


import io.holdfast.contracts.hold.HoldBatch;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.hold.HoldOutcome;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridLoss;
import io.holdfast.support.log.LogFields;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes holds in micro-batches. The holds that reach one event loop in one turn are taken
 * together: per event one entry processor on one inventory entry (the batch's home, which
 * rotates from batch to batch), then one per book of holds (which checks each buyer's allowance
 * and records the hold). Each hold is still all or nothing (see {@link SlotTaker}). One batcher per
 * verticle instance, used only from its event loop.
 */
public final class HoldBatcher {
  private static final Logger LOG = LoggerFactory.getLogger(HoldBatcher.class);
  /** The most holds one flush takes; a busier turn flushes more than once. */
  static final int MAX_BATCH = 1024;
  /**
   * After a hold found no free slot in any shard of its section, later holds for the section
   * are refused at once for this long, instead of each visiting every shard of a sold-out
   * section (a sell-out brings thousands of them a second).
   */
  public static final long SOLD_OUT_HINT_MILLIS = 100;
  static final long EVENT_CACHE_MILLIS = 1000;
  /** The answer when the grid failed under a batch: nothing was held, and a retry is safe. */
  static final Problem CORE_UNAVAILABLE = Problem.of(503, "core-unavailable", "Try again",
      "The hold could not be taken just now; it is safe to retry").with("retryAfterSeconds", 1);

  /**
   * Told about the holds a batch placed, for the expiry-worker: their IDs and, in the same
   * order, the IDs of the requests that asked (null where none was given).
   */
  @FunctionalInterface
  public interface Placed {
    void placed(String eventId, long expiresAt, List<String> holdIds, List<String> requestIds);
  }

  private final Context context;
  private final Grid grid;
  private final LongSupplier clock;
  private final Placed placed;
  private final SlotTaker taker;
  private final SeatTaker seatTaker;
  private final GridLoss loss;
  private List<PendingHold> pending = new ArrayList<>();
  private final Map<String, Long> soldOutUntil = new HashMap<>();
  private final Map<String, CachedEvent> events = new HashMap<>();
  private final Map<String, Integer> homes = new HashMap<>();

  public HoldBatcher(Context context, Grid grid, LongSupplier clock, Placed placed,
      GridLoss loss) {
    this.context = context;
    this.loss = loss;
    this.grid = grid;
    this.clock = clock;
    this.placed = placed;
    this.taker = new SlotTaker(grid);
    this.seatTaker = new SeatTaker(grid);
  }

  /** Takes the holds of a batch; {@code done} gets an outcome for every request, in order. */
  public void hold(HoldBatch batch, Consumer<HoldBatch.Outcomes> done) {
    List<HoldRequest> requests = batch.requests();
    if (requests.isEmpty()) {
      done.accept(new HoldBatch.Outcomes(List.of()));
      return;
    }
    PendingHold.Answers answers = new PendingHold.Answers(requests.size(), done);
    boolean idle = pending.isEmpty();
    for (int i = 0; i < requests.size(); i++) {
      pending.add(new PendingHold(requests.get(i), answers, i));
    }
    if (pending.size() >= MAX_BATCH) {
      flush();
    } else if (idle) {
      // Runs after whatever else this event loop has queued now: those holds join the batch.
      context.runOnContext(ignored -> flush());
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<PendingHold> batch = pending;
    pending = new ArrayList<>();
    Map<String, List<PendingHold>> byEvent = new HashMap<>();
    for (PendingHold h : batch) {
      byEvent.computeIfAbsent(h.request.eventId(), k -> new ArrayList<>()).add(h);
    }
    byEvent.forEach(this::place);
  }

  private void place(String eventId, List<PendingHold> holds) {
    long now = clock.getAsLong();
    event(eventId, now).compose(event -> {
      boolean closed = loss.closed(eventId);
      if (event == null || closed) {
        // Fail closed after a grid loss: nothing is sold of an event that may have lost
        // entries or books until it is rebuilt from PostgreSQL (see GridLoss).
        Problem refusal = closed ? Problems.inventoryRebuilding("Event " + eventId)
            : Problems.notFound("Event " + eventId);
        holds.forEach(h -> h.refuse(refusal));
        return Future.succeededFuture();
      }
      long expiresAt = now + event.holdSeconds() * 1000L;
      List<PendingHold> general = new ArrayList<>();
      List<PendingHold> seated = new ArrayList<>();
      for (PendingHold h : validate(event, holds, now)) {
        (h.reserved() ? seated : general).add(h);
      }
      Future<List<PendingHold>> taken;
      if (seated.isEmpty()) {
        taken = takeGeneral(event, general, expiresAt, now);
      } else if (general.isEmpty()) {
        taken = seatTaker.take(eventId, seated, expiresAt, now);
      } else {
        Future<List<PendingHold>> ga = takeGeneral(event, general, expiresAt, now);
        Future<List<PendingHold>> seats = seatTaker.take(eventId, seated, expiresAt, now);
        taken = Future.all(ga, seats).map(both -> {
          List<PendingHold> covered = new ArrayList<>(ga.result());
          covered.addAll(seats.result());
          return covered;
        });
      }
      return taken.compose(covered -> record(event, covered, now, expiresAt));
    }).onFailure(t -> {
      LogFields.requestIds(LOG.atWarn(), requestIds(holds)).setCause(t)
          .log("{} hold(s) for event {} failed in the grid", holds.size(), eventId);
      holds.forEach(h -> h.refuse(CORE_UNAVAILABLE));
    });
  }

  /** The request IDs of {@code holds}, space-separated, for a line about all of them. */
  private static String requestIds(List<PendingHold> holds) {
    StringBuilder ids = new StringBuilder();
    for (PendingHold h : holds) {
      if (h.request.requestId() != null) {
        ids.append(ids.isEmpty() ? "" : " ").append(h.request.requestId());
      }
    }
    return ids.toString();
  }

  /** Drops this batcher's copy of an event, so the next batch reads it afresh. */
  public void forget(String eventId) {
    events.remove(eventId);
  }

  private Future<List<PendingHold>> takeGeneral(EventInfo event, List<PendingHold> holds,
      long expiresAt, long now) {
    String eventId = event.eventId();
    return taker.take(eventId, home(event), holds, expiresAt, now,
        section -> soldOutUntil.put(eventId + '/' + section.id(), now + SOLD_OUT_HINT_MILLIS));
  }

  /** The next batch's home inventory entry: batches take turns over the event's entries. */
  private int home(EventInfo event) {
    int home = homes.merge(event.eventId(), 1, Integer::sum);
    return Math.floorMod(home + System.identityHashCode(this), event.inventoryEntries());
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

  /** Refuses what cannot be held; answers the rest, each with its section (and seats). */
  private List<PendingHold> validate(EventInfo event, List<PendingHold> holds, long now) {
    List<PendingHold> valid = new ArrayList<>(holds.size());
    for (PendingHold h : holds) {
      HoldRequest r = h.request;
      Problem problem = h.misnamed ? Problem.of(422, "invalid-hold-id", "Invalid hold ID",
          "Hold ID " + r.holdId() + " cannot name a hold of this buyer")
          : r.seats() != null ? SeatRequest.resolve(event, h) : section(event, h);
      if (problem != null) {
        h.refuse(problem);
      } else if (!event.onSale(now)) {
        h.refuse(Problems.salesClosed());
      } else if (r.quantity() > event.maxPerBuyer()) {
        h.refuse(Problems.purchaseLimit(event.maxPerBuyer(), event.maxPerBuyer()));
      } else if (!h.reserved()
          && soldOutUntil.getOrDefault(r.eventId() + '/' + r.sectionId(), 0L) > now) {
        h.refuse(Problems.soldOut(r.sectionId()));
      } else {
        valid.add(h);
      }
    }
    return valid;
  }

  /** Finds the section a general-admission or best-available hold asks for. */
  private static Problem section(EventInfo event, PendingHold h) {
    HoldRequest r = h.request;
    EventInfo.Section section = r.sectionId() == null ? null : event.section(r.sectionId());
    if (section == null) {
      return Problem.of(422, "unknown-section", "Unknown section",
          "Event " + r.eventId() + " has no section " + r.sectionId());
    }
    if (r.together() && !section.reserved()) {
      return Problems.invalid("together applies to reserved sections; section "
          + section.id() + " is general admission");
    }
    h.section = section;
    return null;
  }

  /**
   * Records the holds in their books, where each buyer's allowance is checked (one entry
   * processor per book); gives back the slots of holds past their buyer's limit; answers every
   * hold; tells the expiry-worker.
   */
  private Future<Void> record(EventInfo event, List<PendingHold> covered, long now,
      long expiresAt) {
    if (covered.isEmpty()) {
      return Future.succeededFuture();
    }
    String createdText = Instant.ofEpochMilli(now).toString();
    String expiresText = Instant.ofEpochMilli(expiresAt).toString();
    Map<Integer, List<PendingHold>> byBook = new HashMap<>();
    for (PendingHold h : covered) {
      byBook.computeIfAbsent(h.book, k -> new ArrayList<>()).add(h);
    }
    List<String> granted = new ArrayList<>(covered.size());
    List<String> requestIds = new ArrayList<>(covered.size());
    List<Future<?>> ops = new ArrayList<>(byBook.size());
    byBook.forEach((book, group) -> {
      HoldRecord[] records = new HoldRecord[group.size()];
      int[] caps = new int[records.length];
      for (int i = 0; i < records.length; i++) {
        PendingHold h = group.get(i);
        records[i] = record(event, h, now, expiresAt);
        caps[i] = h.request.maxActiveHolds();
      }
      ops.add(grid.onBook(book, new PlaceHolds(records, caps, event.maxPerBuyer(), now))
          .compose(results -> {
            List<Future<?>> undo = new ArrayList<>();
            for (int i = 0; i < records.length; i++) {
              PendingHold h = group.get(i);
              if (results[i] >= 0) {
                HoldRecord rec = records[i];
                String holdId = h.key.toString();
                h.grant(HoldOutcome.granted(new HoldGrant(holdId, rec.eventId, rec.sectionId,
                    rec.seatIds == null ? List.of() : List.of(rec.seatIds), rec.quantity,
                    rec.amountCents, rec.currency, createdText, expiresText)));
                granted.add(holdId);
                requestIds.add(h.request.requestId());
              } else {
                undo.add(h.giveBack(grid, event.eventId()));
                h.refuse(HoldBook.overCap(results[i])
                    ? Problems.tooManyHolds(h.request.maxActiveHolds(),
                        HoldBook.retrySeconds(results[i]))
                    : Problems.purchaseLimit(event.maxPerBuyer(), -1 - results[i]));
              }
            }
            return Future.join(undo);
          }));
    });
    return Future.all(ops).onComplete(ignored -> {
      if (!granted.isEmpty()) {
        placed.placed(event.eventId(), expiresAt, granted, requestIds);
      }
    }).mapEmpty();
  }

  /**
   * The record of a hold whose tickets are taken. It keeps the event's own strings, not the
   * request's: a record lives for days, and a copy of the same IDs in each of a million records
   * costs more than the record itself.
   */
  private static HoldRecord record(EventInfo event, PendingHold h, long now, long expiresAt) {
    HoldRequest r = h.request;
    int[] placement = h.placement();
    long amount = 0;
    for (int p = 0; p < h.partCount; p++) {
      amount += event.sections().get(h.sectionOf(p)).priceCents() * placement[3 * p + 2];
    }
    int[] seats = h.seats();
    String[] seatIds = null;
    if (seats != null) {
      seatIds = new String[seats.length];
      int k = 0;
      for (int p = 0; p < h.partCount; p++) {
        EventInfo.Section s = event.sections().get(h.sectionOf(p));
        for (int i = 0; i < placement[3 * p + 2]; i++, k++) {
          seatIds[k] = s.layout().seatId(seats[k]);
        }
      }
    }
    return new HoldRecord(h.key, event.eventId(), r.buyerId(), r.onBehalfOf(), h.section.id(),
        r.quantity(), amount, event.currency(), now, expiresAt, placement, seats, seatIds);
  }
}

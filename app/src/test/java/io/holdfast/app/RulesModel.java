package io.holdfast.app;

import io.holdfast.core.hold.HoldBatcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules Holdfast promises, as a small model the model-based test runs beside the real
 * platform: events with their stock and limits, buyers' holds and what became of them, and
 * what each call may answer. Time makes some answers uncertain (a hold close to its expiry may
 * or may not still hold its seats), so the model answers with the set of outcomes it allows,
 * and learns from the one the platform gave.
 */
final class RulesModel {
  /** A hold this close to its expiry (either side) may be lapsed or not. */
  static final long MARGIN_MILLIS = 800;
  /** After a cancel, a core batcher may still sell from its cached copy this long. */
  static final long CANCEL_LAG_MILLIS = 1_500;
  /**
   * After a general-admission hold found its section sold out, the core answers "sold out" to
   * the section's holds for a moment without looking (a sell-out brings thousands a second),
   * even if seats came back meanwhile; this long, with a margin.
   */
  static final long SOLD_OUT_HINT_MILLIS = HoldBatcher.SOLD_OUT_HINT_MILLIS + 100;

  enum HoldState { ACTIVE, RELEASED, LOST, CONFIRMED, FORFEITED, REFUNDED }

  /** What the model is sure of: whether a hold still keeps its seats and counts for its buyer. */
  enum Keeps { YES, NO, MAYBE }

  /** What a call may come to; the platform's status code is mapped onto these. */
  enum Outcome { GRANTED, SOLD_OUT, LIMIT, CLOSED }

  static final class Event {
    final int index;
    String id;
    String status = "draft";
    int maxPerBuyer;
    int holdSeconds;
    int gaCapacity;
    int gaPrice;
    int seatPrice;
    /** Seat IDs of the reserved section "R", row by row; empty rows: no reserved section. */
    List<List<String>> rows = new ArrayList<>();
    long cancelledAt;
    /** When a general-admission hold of the event was last answered "sold out". */
    long soldOutAt;

    Event(int index) {
      this.index = index;
    }

    int capacity() {
      return gaCapacity + seatCount();
    }

    int seatCount() {
      return rows.stream().mapToInt(List::size).sum();
    }

    boolean selling() {
      return "on_sale".equals(status);
    }
  }

  static final class Hold {
    final int index;
    final Event event;
    final int buyer;
    final String id;
    final int quantity;
    /** Reserved seats; empty for a general-admission hold. */
    List<String> seats;
    long expiresAt;
    HoldState state = HoldState.ACTIVE;
    String paymentId;
    /** The Stripe PaymentIntent of a payment through Stripe; null for a simulated one. */
    String intentId;
    String orderId;

    Hold(int index, Event event, int buyer, String id, int quantity, List<String> seats,
        long expiresAt) {
      this.index = index;
      this.event = event;
      this.buyer = buyer;
      this.id = id;
      this.quantity = quantity;
      this.seats = seats;
      this.expiresAt = expiresAt;
    }

    boolean general() {
      return seats.isEmpty();
    }
  }

  final List<Event> events = new ArrayList<>();
  final List<Hold> holds = new ArrayList<>();

  /** Whether {@code h} keeps its seats at {@code now}, as far as the model can tell. */
  static Keeps keeps(Hold h, long now) {
    if (h.state == HoldState.CONFIRMED) {
      return Keeps.YES;
    }
    if (h.state != HoldState.ACTIVE) {
      return Keeps.NO;
    }
    long left = h.expiresAt - now;
    return left > MARGIN_MILLIS ? Keeps.YES : left < -MARGIN_MILLIS ? Keeps.NO : Keeps.MAYBE;
  }

  List<Hold> holdsOf(Event e) {
    return holds.stream().filter(h -> h.event == e).toList();
  }

  /** Tickets the buyer owns of the event: what PostgreSQL must show as live tickets. */
  int tickets(Event e, int buyer) {
    return holdsOf(e).stream().filter(h -> h.buyer == buyer && h.state == HoldState.CONFIRMED)
        .mapToInt(h -> h.quantity).sum();
  }

  /** Tickets sold of the event: what the grid must count as sold. */
  int sold(Event e) {
    return holdsOf(e).stream().filter(h -> h.state == HoldState.CONFIRMED)
        .mapToInt(h -> h.quantity).sum();
  }

  /** Of the buyer's allowance, {@code [sure, maybe]} used, leaving {@code except} out. */
  int[] used(Event e, int buyer, Hold except, long now) {
    int[] used = new int[2];
    for (Hold h : holdsOf(e)) {
      if (h.buyer != buyer || h == except) {
        continue;
      }
      Keeps k = keeps(h, now);
      used[k == Keeps.YES ? 0 : 1] += k == Keeps.NO ? 0 : h.quantity;
    }
    return used;
  }

  /** Of the general-admission section, {@code [sure, maybe]} taken by holds other than one. */
  int[] gaTaken(Event e, Hold except, long now) {
    int[] taken = new int[2];
    for (Hold h : holdsOf(e)) {
      if (!h.general() || h == except) {
        continue;
      }
      Keeps k = keeps(h, now);
      taken[k == Keeps.YES ? 0 : 1] += k == Keeps.NO ? 0 : h.quantity;
    }
    return taken;
  }

  /** How sure the model is that a seat is taken, by a hold other than {@code except}. */
  Keeps seatTaken(Event e, String seat, Hold except, long now) {
    Keeps taken = Keeps.NO;
    for (Hold h : holdsOf(e)) {
      if (h != except && h.seats.contains(seat)) {
        Keeps k = keeps(h, now);
        if (k == Keeps.YES) {
          return Keeps.YES;
        }
        if (k == Keeps.MAYBE) {
          taken = Keeps.MAYBE;
        }
      }
    }
    return taken;
  }

  /**
   * What a hold of {@code quantity} may answer: for exact {@code seats}, for the best
   * {@code quantity} seats together ({@code together}), or general admission (neither).
   */
  Set<Outcome> holdOutcomes(Event e, int buyer, int quantity, List<String> seats,
      boolean together, long now) {
    if (!e.selling()) {
      boolean lagging = "cancelled".equals(e.status) && now - e.cancelledAt < CANCEL_LAG_MILLIS;
      return lagging ? EnumSet.allOf(Outcome.class) : EnumSet.of(Outcome.CLOSED);
    }
    int[] used = used(e, buyer, null, now);
    Keeps stock = together ? rowStock(e, quantity, now) : seats != null
        ? seatStock(e, seats, now) : gaStock(e, quantity, now);
    Keeps allowance = used[0] + quantity > e.maxPerBuyer ? Keeps.NO
        : used[0] + used[1] + quantity <= e.maxPerBuyer ? Keeps.YES : Keeps.MAYBE;
    Set<Outcome> allowed = EnumSet.noneOf(Outcome.class);
    if (stock != Keeps.NO && allowance != Keeps.NO) {
      allowed.add(Outcome.GRANTED);
    }
    if (stock != Keeps.YES || seats == null && !together
        && now - e.soldOutAt < SOLD_OUT_HINT_MILLIS) {
      allowed.add(Outcome.SOLD_OUT);
    }
    if (allowance != Keeps.YES) {
      allowed.add(Outcome.LIMIT);
    }
    return allowed;
  }

  private Keeps gaStock(Event e, int quantity, long now) {
    int[] taken = gaTaken(e, null, now);
    int free = e.gaCapacity - taken[0];
    return free < quantity ? Keeps.NO : free - taken[1] >= quantity ? Keeps.YES : Keeps.MAYBE;
  }

  private Keeps seatStock(Event e, List<String> seats, long now) {
    Keeps stock = Keeps.YES;
    for (String seat : seats) {
      Keeps taken = seatTaken(e, seat, null, now);
      if (taken == Keeps.YES) {
        return Keeps.NO;
      }
      if (taken == Keeps.MAYBE) {
        stock = Keeps.MAYBE;
      }
    }
    return stock;
  }

  /** Whether some row has {@code quantity} seats side by side free: surely, maybe, or not. */
  private Keeps rowStock(Event e, int quantity, long now) {
    boolean maybe = false;
    for (List<String> row : e.rows) {
      int sure = 0;
      int possible = 0;
      for (String seat : row) {
        Keeps taken = seatTaken(e, seat, null, now);
        sure = taken == Keeps.NO ? sure + 1 : 0;
        possible = taken == Keeps.YES ? 0 : possible + 1;
        if (sure >= quantity) {
          return Keeps.YES;
        }
        maybe |= possible >= quantity;
      }
    }
    return maybe ? Keeps.MAYBE : Keeps.NO;
  }

  /**
   * Whether a successful payment for {@code h} may, and must, sell it: {@code [may, must]}.
   * A hold still held is sold; a released, lapsed or forgotten hold only when its seats are
   * still free and its buyer's allowance has room; a cancelled event never sells.
   */
  boolean[] paymentSells(Hold h, long now) {
    Event e = h.event;
    boolean cancelled = !e.selling() && now - e.cancelledAt >= CANCEL_LAG_MILLIS;
    if (cancelled || h.state == HoldState.LOST) {
      return new boolean[] {!cancelled && h.state != HoldState.LOST, false};
    }
    Keeps own = keeps(h, now);
    if (own == Keeps.YES) {
      return new boolean[] {true, e.selling()};
    }
    int[] used = used(e, h.buyer, h, now);
    boolean roomForSure = used[0] + used[1] + h.quantity <= e.maxPerBuyer;
    boolean roomAtAll = used[0] + h.quantity <= e.maxPerBuyer;
    if (h.general()) {
      // A lapsed general-admission hold re-takes its own slots, which the model does not
      // track: it may sell when stock and allowance allow, and need not.
      int[] taken = gaTaken(e, h, now);
      return new boolean[] {e.gaCapacity - taken[0] >= h.quantity && roomAtAll, false};
    }
    Set<Keeps> seats = EnumSet.noneOf(Keeps.class);
    h.seats.forEach(s -> seats.add(seatTaken(e, s, h, now)));
    boolean may = !seats.contains(Keeps.YES) && roomAtAll;
    boolean must = own == Keeps.NO && seats.equals(EnumSet.of(Keeps.NO)) && roomForSure
        && e.selling();
    return new boolean[] {may, must};
  }
}

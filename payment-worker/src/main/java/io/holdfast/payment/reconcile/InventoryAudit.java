package io.holdfast.payment.reconcile;

import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.ledger.ticket.SoldCounts;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that every event on sale adds up: in the grid, each section's held + sold + available
 * is its capacity, and what the grid counts sold is what PostgreSQL has live tickets for. The
 * count of events that do not is {@code holdfast_inventory_invariant_violations}.
 *
 * <p>Selling is not atomic across the two: a payment's seats are sold in the grid a moment before
 * its tickets are written, and a refund's tickets are voided a moment before its seats go back.
 * PostgreSQL is read first, then the grid, so a sale under way shows as the grid ahead; an event
 * found out of line is read again {@link #RECHECK_MILLIS} later, and counts only if it is still.
 * Events are checked one after another: a check costs the core one count of the event, and
 * PostgreSQL an index-only count of its live tickets.
 */
public final class InventoryAudit {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryAudit.class);
  /** Longer than a settlement takes between its grid and its database steps. */
  static final long RECHECK_MILLIS = 2_000;

  private final Vertx vertx;
  private final SoldCounts sold;
  private final long recheckMillis;
  /** Events out of line at the last check (NaN: none finished yet). */
  private volatile double violations = Double.NaN;
  private final Meters.Source gauge;

  public InventoryAudit(Vertx vertx, SoldCounts sold) {
    this(vertx, sold, RECHECK_MILLIS);
  }

  InventoryAudit(Vertx vertx, SoldCounts sold, long recheckMillis) {
    this.vertx = vertx;
    this.sold = sold;
    this.recheckMillis = recheckMillis;
    // Every worker checks the same events: the largest count is the latest.
    this.gauge = Meters.of(vertx).max("holdfast_inventory_invariant_violations", "Events on "
        + "sale whose stock does not add up (held + sold + available != capacity in the grid, "
        + "or sold in the grid != live tickets in PostgreSQL) at the last check",
        () -> violations);
  }

  /** One check of every event on sale; answers the events out of line, with why. */
  public Future<List<String>> run() {
    return sold.selling().compose(all -> {
      List<UUID> events = new ArrayList<>(all.keySet());
      List<String> found = new ArrayList<>();
      return checkEach(events, 0, all, found).map(v -> {
        violations = found.size();
        return found;
      });
    });
  }

  private Future<Void> checkEach(List<UUID> events, int next, Map<UUID, Map<String, Integer>> all,
      List<String> found) {
    if (next == events.size()) {
      return Future.succeededFuture();
    }
    UUID eventId = events.get(next);
    return check(eventId, all.get(eventId)).compose(first -> first == null
            ? Future.succeededFuture((String) null) : later().compose(v -> recheck(eventId)))
        .map(why -> {
          if (why != null) {
            LOG.error("Inventory of event {} does not add up: {}", eventId, why);
            found.add(eventId + ": " + why);
          }
          return null;
        })
        .recover(t -> {
          // The core does not know it (not loaded yet) or cannot be asked: nothing to compare.
          LOG.debug("Could not check the inventory of event {}: {}", eventId, t.toString());
          return Future.succeededFuture();
        })
        .compose(v -> checkEach(events, next + 1, all, found));
  }

  private Future<String> recheck(UUID eventId) {
    return sold.of(eventId).compose(pg -> check(eventId, pg));
  }

  /** Why the event is out of line, or null; PostgreSQL's counts were read before this call. */
  private Future<String> check(UUID eventId, Map<String, Integer> pg) {
    return CoreBus.request(vertx, AvailabilityRequest.counts(eventId.toString()))
        .map(grid -> mismatch(grid, pg));
  }

  private Future<Void> later() {
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(recheckMillis, id -> waited.complete());
    return waited.future();
  }

  /** Why the grid's counts and PostgreSQL's live tickets per section disagree, or null. */
  static String mismatch(Availability grid, Map<String, Integer> pg) {
    List<String> why = new ArrayList<>();
    Map<String, Integer> unseen = new HashMap<>(pg);
    for (Availability.Section s : grid.sections()) {
      Availability.Counts c = s.counts();
      if (c.held() + c.sold() + c.available() != c.capacity()) {
        why.add("section " + s.sectionId() + ": held " + c.held() + " + sold " + c.sold()
            + " + available " + c.available() + " != capacity " + c.capacity());
      }
      Integer tickets = unseen.remove(s.sectionId());
      int live = tickets == null ? 0 : tickets;
      if (c.sold() != live) {
        why.add("section " + s.sectionId() + ": the grid sold " + c.sold() + ", PostgreSQL has "
            + live + " live tickets");
      }
    }
    unseen.forEach((section, live) -> why.add("section " + section + ": PostgreSQL has " + live
        + " live tickets, the grid has no such section"));
    return why.isEmpty() ? null : String.join("; ", why);
  }

  /** Takes this audit's figure out of the process's meters. */
  public void close() {
    gauge.close();
  }
}

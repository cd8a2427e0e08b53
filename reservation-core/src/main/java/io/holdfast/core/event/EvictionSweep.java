package io.holdfast.core.event;

import io.holdfast.core.grid.Grid;
import io.holdfast.support.jobs.Periodic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evicts, every so often, the inventory of the events this member owns that ended longer than
 * the grace ago (see {@link EventCatalog#evict}): a few events per round, so a round stays
 * short however many ended at once, and never on the hold path. One per member.
 */
public final class EvictionSweep {
  private static final Logger LOG = LoggerFactory.getLogger(EvictionSweep.class);
  /** The most events one round evicts; the rest wait for the next round. */
  static final int PER_ROUND = 8;

  private final Vertx vertx;
  private final Grid grid;
  private final EventCatalog catalog;
  private final LongSupplier clock;
  private Periodic rounds;

  public EvictionSweep(Vertx vertx, Grid grid, EventCatalog catalog, LongSupplier clock) {
    this.vertx = vertx;
    this.grid = grid;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** A round still running when the next is due makes that one skip. */
  public void start(long intervalMillis) {
    rounds = Periodic.everyInterval(vertx, "Evicting ended events", intervalMillis, this::round);
  }

  /** No further rounds; a round in hand is not waited for. */
  public void stop() {
    if (rounds != null) {
      rounds.stop();
    }
  }

  private Future<Integer> round() {
    long now = clock.getAsLong();
    return grid.localEventIds().compose(ids -> evict(ids, 0, 0, now));
  }

  private Future<Integer> evict(List<String> ids, int next, int evicted, long now) {
    if (next >= ids.size() || evicted >= PER_ROUND) {
      return Future.succeededFuture(evicted);
    }
    String eventId = ids.get(next);
    return catalog.evict(eventId, now).compose(done -> {
      if (done) {
        LOG.info("Event {} ended: its inventory, holds and allowances are evicted", eventId);
      }
      return evict(ids, next + 1, evicted + (done ? 1 : 0), now);
    });
  }
}

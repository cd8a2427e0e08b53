package io.holdfast.edge;

import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.db.Database;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.edge.store.EventRepository;
import io.holdfast.edge.store.RestoreRepository;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the grid's inventory from PostgreSQL when the whole grid restarted: every event on
 * sale that the core does not know is loaded again, with what PostgreSQL says is sold (sold
 * seats stay sold; holds that were only held are free). Deployed before the edge verticles, so a
 * node serves no request until it is done, and {@code /health/ready} says DOWN meanwhile.
 * Events the grid still has are left alone, so one node restarting in a live cluster changes
 * nothing.
 */
public final class InventoryRestoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryRestoreVerticle.class);
  /** Where the edge's readiness looks: {@code inventory} is "restoring" until this is done. */
  public static final String STATE_MAP = "holdfast.edge.state";
  public static final String INVENTORY = "inventory";

  private Pool pool;

  @Override
  public Future<?> start() {
    LocalMap<String, String> state = vertx.sharedData().getLocalMap(STATE_MAP);
    state.put(INVENTORY, "restoring");
    pool = Database.pool(vertx, config());
    RestoreRepository restore = new RestoreRepository(pool);
    EventRepository events = new EventRepository(pool);
    long began = System.nanoTime();
    return restore.sellingEvents()
        .compose(ids -> restoreAll(ids, 0, 0, restore, events))
        .onSuccess(loaded -> {
          state.put(INVENTORY, "ready");
          LOG.info("Inventory check done in {} ms: {} event(s) rebuilt from PostgreSQL", 
              (System.nanoTime() - began) / 1_000_000, loaded);
        })
        .onFailure(t -> LOG.error("Could not rebuild the inventory from PostgreSQL", t));
  }

  /** One event after another: a cold start is rare, and PostgreSQL need not be flooded. */
  private Future<Integer> restoreAll(List<UUID> ids, int next, int loaded,
      RestoreRepository restore, EventRepository events) {
    if (next == ids.size()) {
      return Future.succeededFuture(loaded);
    }
    UUID id = ids.get(next);
    return known(id).compose(known -> known ? Future.succeededFuture(false)
            : rebuild(id, restore, events))
        .compose(rebuilt -> restoreAll(ids, next + 1, loaded + (rebuilt ? 1 : 0), restore,
            events));
  }

  /** Whether the core has the event (a 404 means the grid lost it). */
  private Future<Boolean> known(UUID id) {
    return BusProblems.unwrapped(vertx.eventBus().request(Addresses.AVAILABILITY,
            new JsonObject().put("eventId", id.toString()).put("seats", false)))
        .map(true)
        .recover(t -> t instanceof ProblemException pe && pe.problem().status() == 404
            ? Future.succeededFuture(false) : Future.failedFuture(t));
  }

  private Future<Boolean> rebuild(UUID id, RestoreRepository restore, EventRepository events) {
    return events.byId(id).compose(event -> restore.sold(id).compose(sold -> {
      JsonObject load = event.copy().put("sold", sold);
      return BusProblems.unwrapped(vertx.eventBus().<JsonObject>request(Addresses.LOAD_EVENT,
              load, new DeliveryOptions().setSendTimeout(120_000)))
          .map(reply -> {
            LOG.info("Event {} rebuilt in the grid: {} sold hold part(s) from PostgreSQL", id,
                sold.size());
            return true;
          });
    }));
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}

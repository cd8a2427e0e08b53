package io.holdfast.core.restore;

import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.CoreCodecs;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.core.RebuildEvents;
import io.holdfast.contracts.core.Rebuilt;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.catalog.EventRepository;
import io.holdfast.core.restore.RestoreRepository;
import io.holdfast.support.db.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the grid's inventory from PostgreSQL when the whole grid restarted: every event on
 * sale that the core does not know is loaded again, with what PostgreSQL says is sold (sold
 * seats stay sold; holds that were only held are free). Deployed before the edge verticles, so a
 * node serves no request until it is done, and {@code /health/ready} says DOWN meanwhile.
 * Events the grid still has are left alone, so one node restarting in a live cluster changes
 * nothing.
 *
 * <p>After a partial loss (a member and its backups died together) the core closes the events
 * that lost something and asks here ({@link Addresses#REBUILD_EVENTS}) for the same rebuild,
 * event by event: a load with {@code rebuild: true} fills in only what the grid lacks, so what
 * survived (live holds included) stays as it is. The node keeps serving meanwhile; only the
 * closed events answer 503. Rebuilds run one at a time, in the order asked.
 */
public final class InventoryRestoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryRestoreVerticle.class);
  /** The cluster-wide lock rebuilds take turns on. */
  private static final String LOCK = "holdfast.inventory-rebuild";
  /** A rebuild reads PostgreSQL and loads event after event: another may wait this long. */
  private static final long REBUILD_LOCK_WAIT_MILLIS = 300_000;

  private Pool pool;
  private RestoreRepository restore;
  private EventRepository events;
  /** The rebuild under way: asked rebuilds wait for it, so one runs at a time. */
  private Future<?> last;

  @Override
  public Future<?> start() {
    LocalMap<String, String> state = vertx.sharedData().getLocalMap(Addresses.STATE_MAP);
    state.put(Addresses.INVENTORY_STATE, Addresses.RESTORING);
    pool = Database.pool(vertx, config());
    restore = new RestoreRepository(pool);
    events = new EventRepository(pool);
    long began = System.nanoTime();
    Future<Integer> cold = locked(() -> restore.sellingEvents()
        .compose(ids -> restoreAll(ids, 0, new ArrayList<>(), true).map(List::size)))
        .onSuccess(loaded -> {
          state.put(Addresses.INVENTORY_STATE, "ready");
          LOG.info("Inventory check done in {} ms: {} event(s) rebuilt from PostgreSQL", 
              (System.nanoTime() - began) / 1_000_000, loaded);
        })
        .onFailure(t -> LOG.error("Could not rebuild the inventory from PostgreSQL", t));
    last = cold;
    CoreCodecs.register(vertx);
    return vertx.eventBus().<RebuildEvents>consumer(Addresses.REBUILD_EVENTS, msg -> {
      Future<Rebuilt> asked = last.transform(ignored -> locked(() -> rebuildAsked(msg.body())));
      last = asked;
      asked.onSuccess(msg::reply).onFailure(t -> BusProblems.reply(msg, t));
    }).completion().compose(ignored -> cold);
  }

  /**
   * Runs {@code work} under the cluster's lock of rebuilds: members that start together, or
   * that all lost the same partition, rebuild one after another, and the later ones find the
   * events already there.
   */
  private <T> Future<T> locked(Supplier<Future<T>> work) {
    return vertx.sharedData().getLockWithTimeout(LOCK, REBUILD_LOCK_WAIT_MILLIS)
        .compose(lock -> {
          Future<T> done;
          try {
            done = work.get();
          } catch (RuntimeException e) {
            done = Future.failedFuture(e);
          }
          return done.onComplete(ignored -> lock.release());
        });
  }

  /**
   * A member lost partitions: rebuilds the events it names and, when it lost records of
   * events too ({@code unknown}), every event on sale (a near cache may still show a lost
   * record, so none is skipped as known). Answers {@code {rebuilt: [ids], unknown}}.
   */
  private Future<Rebuilt> rebuildAsked(RebuildEvents ask) {
    long began = System.nanoTime();
    List<UUID> ids = new ArrayList<>();
    for (String id : ask.eventIds()) {
      UUID uuid = uuid(id);
      if (uuid != null) {
        ids.add(uuid);
      }
    }
    boolean unknown = ask.unknown();
    Future<List<UUID>> all = !unknown ? Future.succeededFuture(ids)
        : restore.sellingEvents().map(selling -> {
          Set<UUID> union = new LinkedHashSet<>(ids);
          union.addAll(selling);
          return List.copyOf(union);
        });
    return all.compose(list -> restoreAll(list, 0, new ArrayList<>(), false))
        .map(rebuilt -> {
          LOG.warn("Lost inventory rebuilt from PostgreSQL in {} ms: {} event(s)",
              (System.nanoTime() - began) / 1_000_000, rebuilt.size());
          return new Rebuilt(rebuilt, unknown);
        });
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * One event after another: a rebuild is rare, and PostgreSQL need not be flooded. On a cold
   * start ({@code onlyUnknown}) events the grid has are skipped.
   */
  private Future<List<String>> restoreAll(List<UUID> ids, int next, List<String> rebuilt,
      boolean onlyUnknown) {
    if (next == ids.size()) {
      return Future.succeededFuture(rebuilt);
    }
    UUID id = ids.get(next);
    return (onlyUnknown ? known(id) : Future.succeededFuture(false))
        .compose(known -> known ? Future.succeededFuture(false) : rebuild(id))
        .compose(done -> {
          if (done) {
            rebuilt.add(id.toString());
          }
          return restoreAll(ids, next + 1, rebuilt, onlyUnknown);
        });
  }

  /** Whether the core has the event (a 404 means the grid lost it). */
  private Future<Boolean> known(UUID id) {
    return CoreBus.request(vertx, AvailabilityRequest.counts(id.toString()))
        .map(true)
        .recover(t -> t instanceof ProblemException pe && pe.problem().status() == 404
            ? Future.succeededFuture(false) : Future.failedFuture(t));
  }

  /** Loads the event with what PostgreSQL says is sold; false if PostgreSQL has no such event. */
  private Future<Boolean> rebuild(UUID id) {
    return events.byId(id).compose(event -> event == null ? Future.succeededFuture(false)
        : restore.sold(id).compose(sold -> CoreBus.request(vertx,
                LoadEvent.fromJson(event).rebuilding(sold),
                new DeliveryOptions().setSendTimeout(120_000))
            .map(reply -> {
              LOG.info("Event {} rebuilt in the grid: {} sold hold part(s) from PostgreSQL", id,
                  sold.size());
              return true;
            })));
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}

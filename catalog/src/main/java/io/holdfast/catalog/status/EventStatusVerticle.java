package io.holdfast.catalog.status;

import io.holdfast.catalog.EventStatus;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.catalog.EventRepository;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.Periodic;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the statuses that follow from time and sales, every few seconds: on sale or sold out →
 * {@code ended} once the event's end has passed; on sale → {@code sold_out} when the core has
 * nothing available and nothing held; sold out → {@code on_sale} when seats come back. Each
 * change is a conditional update, so any number of nodes may run this at once and a change is
 * made (and logged) once.
 */
public final class EventStatusVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EventStatusVerticle.class);

  public static final Setting INTERVAL_MILLIS = Setting.number(
      "HOLDFAST_EVENT_STATUS_INTERVAL_MILLIS", "events.statusIntervalMillis", 5_000,
      "how often event statuses follow time and sales (ended, sold_out), ms");
  /** How many events' counts are asked of the core at once. */
  private static final int PARALLEL = 32;

  private Pool pool;
  private EventRepository events;
  private DeliveryOptions core;
  private Periodic rounds;

  @Override
  public Future<?> start() {
    int interval = INTERVAL_MILLIS.integer(config());
    pool = Database.pool(vertx, config().copy().put(Settings.PG_POOL_SIZE.key(), 2));
    events = new EventRepository(pool);
    core = new DeliveryOptions().setSendTimeout(Math.max(1_000, interval));
    // A round still running when the next is due makes that one skip.
    rounds = Periodic.everyInterval(vertx, "Updating event statuses", interval, this::round);
    return Future.succeededFuture();
  }

  private Future<Void> round() {
    return endPast()
        .compose(ended -> events.selling())
        .compose(selling -> followSales(selling, 0));
  }

  private Future<Void> endPast() {
    return events.endPast().map(ended -> {
      ended.forEach(e -> LOG.info("Event {} ({}) is now ended: its end has passed",
          e.getString("id"), e.getString("name")));
      return null;
    });
  }

  /** Compares each selling event's status with the core's counts, {@link #PARALLEL} at a time. */
  private Future<Void> followSales(List<JsonObject> selling, int from) {
    if (from >= selling.size()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> batch = new ArrayList<>();
    for (int i = from; i < Math.min(selling.size(), from + PARALLEL); i++) {
      batch.add(follow(selling.get(i)));
    }
    return Future.join(batch).transform(done -> followSales(selling, from + PARALLEL));
  }

  private Future<Void> follow(JsonObject event) {
    String id = event.getString("id");
    EventStatus status = EventStatus.of(event.getString("status"));
    return CoreBus.request(vertx, AvailabilityRequest.counts(id), core)
        .<Void>compose(counts -> {
          boolean gone = counts.available() == 0 && counts.held() == 0;
          EventStatus next = status == EventStatus.ON_SALE && gone ? EventStatus.SOLD_OUT
              : status == EventStatus.SOLD_OUT && counts.available() > 0 ? EventStatus.ON_SALE
              : null;
          if (next == null) {
            return Future.succeededFuture();
          }
          return events.moveStatus(UUID.fromString(id), status, next).<Void>map(moved -> {
            if (moved) {
              LOG.info("Event {} is now {} (was {}): {} available, {} held, {} sold", id, next.stored(),
                  status.stored(), counts.available(), counts.held(), counts.sold());
            }
            return null;
          });
        })
        .recover(t -> {
          // Not loaded in the grid (or it did not answer): its status stays as it is.
          LOG.debug("No counts for event {}: {}", id, t.toString());
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<?> stop() {
    if (rounds != null) {
      // A round in hand is not waited for: its updates are conditional, and closing the pool
      // ends it.
      rounds.stop();
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}

package io.holdfast.core;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.kafka.EventPublisher;
import io.holdfast.contracts.kafka.KafkaSettings;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.core.event.EventCatalog;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.hold.HoldBatcher;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.hold.HoldService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the reservation core on the event bus of every member. Stateless itself: all
 * inventory lives in the grid, so any number of instances may run on any member.
 */
public final class ReservationVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ReservationVerticle.class);

  private final HazelcastInstance hazelcast;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private EventPublisher producer;
  private HoldService holds;
  private HoldBatcher batcher;
  private long quietUntil;
  private long unpublished;
  private EventCatalog catalog;

  public ReservationVerticle(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  @Override
  public Future<?> start() {
    Grid grid = new Grid(hazelcast, context);
    holds = new HoldService(grid, System::currentTimeMillis);
    batcher = new HoldBatcher(context, grid, System::currentTimeMillis, this::publishPlaced);
    catalog = new EventCatalog(grid, System::currentTimeMillis);

    serve(Addresses.LOAD_EVENT, catalog::load);
    serve(Addresses.AVAILABILITY, req -> catalog.availability(req.getString("eventId")));
    serve(Addresses.HOLD, this::hold);
    serve(Addresses.PING, req -> Future.succeededFuture(
        new JsonObject().put("members", hazelcast.getCluster().getMembers().size())));
    serve(Addresses.GET_HOLD, req -> holds.find(req.getString("holdId"), req.getString("buyerId"))
        .map(record -> record.toJson(System.currentTimeMillis())));
    serve(Addresses.RELEASE, req -> holds.release(req.getString("holdId"),
        req.getString("buyerId")).map(status -> new JsonObject().put("status", status)));
    serve(Addresses.ABANDON, req -> holds.abandon(req.getString("holdId"))
        .map(status -> new JsonObject().put("status", status)));
    serve(Addresses.EXPIRE, this::expire);
    serve(Addresses.CONFIRM, req -> holds.confirm(req.getString("holdId")));
    return EventPublisher.create(vertx, KafkaSettings.producer(config(), "reservation-core"),
            Topics.HOLDS)
        .onSuccess(publisher -> producer = publisher)
        .compose(ignored -> Future.all(consumers.stream().map(MessageConsumer::completion)
            .toList()));
  }

  private Future<JsonObject> hold(JsonObject req) {
    return batcher.hold(req.getString("eventId"), req.getString("buyerId"),
            req.getString("sectionId"), req.getInteger("quantity"))
        .map(record -> record.toJson(System.currentTimeMillis()));
  }

  /** Expires one hold ({@code holdId}) or a batch ({@code holdIds}); not-due if any is early. */
  private Future<JsonObject> expire(JsonObject req) {
    JsonArray ids = req.getJsonArray("holdIds");
    if (ids == null) {
      return holds.expire(req.getString("holdId"));
    }
    List<Future<JsonObject>> each = new ArrayList<>();
    for (Object id : ids) {
      each.add(holds.expire((String) id));
    }
    return Future.all(each).map(all -> {
      long wait = 0;
      for (int i = 0; i < all.size(); i++) {
        JsonObject answer = all.resultAt(i);
        if ("not-due".equals(answer.getString("status"))) {
          wait = Math.max(wait, answer.getLong("retryInMillis"));
        }
      }
      return wait > 0 ? new JsonObject().put("status", "not-due").put("retryInMillis", wait)
          : new JsonObject().put("status", "expired");
    });
  }

  /**
   * Tells the expiry-worker about a batch of holds of one event, in one record: they share
   * their expiry. A failed publish does not undo the holds: the core treats a lapsed hold as
   * free anyway, the worker only makes it visible sooner.
   */
  private Future<Void> publishPlaced(List<HoldRecord> records) {
    HoldRecord first = records.get(0);
    JsonArray ids = new JsonArray(new ArrayList<>(records.size()));
    records.forEach(r -> ids.add(r.holdId()));
    JsonObject event = new JsonObject().put("type", "holds.placed")
        .put("eventId", first.eventId()).put("expiresAt", first.expiresAt()).put("holdIds", ids);
    return producer.send(Topics.HOLDS, first.eventId(), event.encode())
        .recover(t -> {
          unpublished += records.size();
          long now = System.currentTimeMillis();
          if (now >= quietUntil) {
            // One line per interval, however many batches fail while Kafka is away.
            LOG.warn("Could not publish holds to Kafka ({} holds since the last report, latest "
                + "of event {}); they lapse on their own", unpublished, first.eventId(), t);
            unpublished = 0;
            quietUntil = now + 10_000;
          }
          return Future.succeededFuture();
        });
  }

  private void serve(String address, Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, msg -> answer(address, msg,
        handler)));
  }

  private void answer(String address, Message<JsonObject> msg,
      Function<JsonObject, Future<JsonObject>> handler) {
    Future<JsonObject> result;
    try {
      result = handler.apply(msg.body());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(msg::reply).onFailure(t -> {
      if (!(t instanceof io.holdfast.contracts.problem.ProblemException)) {
        LOG.error("Request to {} failed: {}", address, msg.body(), t);
      }
      BusProblems.reply(msg, t);
    });
  }

  @Override
  public Future<?> stop() {
    return producer == null ? Future.succeededFuture() : producer.close();
  }
}

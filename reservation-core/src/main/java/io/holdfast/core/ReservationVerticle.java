package io.holdfast.core;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.kafka.EventPublisher;
import io.holdfast.contracts.kafka.KafkaSettings;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.core.event.EventCatalog;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.hold.HoldService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
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
  private EventCatalog catalog;

  public ReservationVerticle(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  @Override
  public Future<?> start() {
    Grid grid = new Grid(hazelcast, context);
    holds = new HoldService(grid, System::currentTimeMillis);
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
    serve(Addresses.EXPIRE, req -> holds.expire(req.getString("holdId")));
    serve(Addresses.CONFIRM, req -> holds.confirm(req.getString("holdId")));
    return EventPublisher.create(vertx, KafkaSettings.producer(config(), "reservation-core"),
            Topics.HOLDS)
        .onSuccess(publisher -> producer = publisher)
        .compose(ignored -> Future.all(consumers.stream().map(MessageConsumer::completion)
            .toList()));
  }

  private Future<JsonObject> hold(JsonObject req) {
    return holds.hold(req.getString("eventId"), req.getString("buyerId"),
            req.getString("sectionId"), req.getInteger("quantity"), req.getString("holdId"))
        .compose(record -> publishPlaced(record).map(record.toJson(System.currentTimeMillis())));
  }

  /**
   * Tells the expiry-worker about the hold. A failed publish does not undo the hold: the core
   * treats a lapsed hold as free anyway, the worker only makes it visible sooner.
   */
  private Future<Void> publishPlaced(HoldRecord record) {
    JsonObject event = new JsonObject().put("type", "hold.placed")
        .put("holdId", record.holdId()).put("eventId", record.eventId())
        .put("expiresAt", record.expiresAt());
    return producer.send(Topics.HOLDS, record.eventId(), event.encode())
        .recover(t -> {
          LOG.warn("Could not publish hold {} of event {} to Kafka", record.holdId(),
              record.eventId(), t);
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

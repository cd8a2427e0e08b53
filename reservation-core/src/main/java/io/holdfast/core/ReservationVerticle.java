package io.holdfast.core;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldBatch;
import io.holdfast.contracts.core.Abandon;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.Confirm;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.CoreCodecs;
import io.holdfast.contracts.core.CoreReply;
import io.holdfast.contracts.core.CoreRequest;
import io.holdfast.contracts.core.EventRebuilt;
import io.holdfast.contracts.core.Expire;
import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.core.HoldChanged;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.core.Ping;
import io.holdfast.contracts.core.Pong;
import io.holdfast.contracts.core.RebuildEvents;
import io.holdfast.contracts.core.Refund;
import io.holdfast.contracts.core.Release;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.core.event.EventCatalog;
import io.holdfast.core.event.EvictionSweep;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridLoss;
import io.holdfast.core.hold.HoldBatcher;
import io.holdfast.core.hold.HoldExpiry;
import io.holdfast.core.publish.PlacedWindow;
import io.holdfast.core.hold.HoldService;
import io.holdfast.support.config.Setting;
import io.holdfast.support.kafka.EventPublisher;
import io.holdfast.support.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the reservation core on the event bus of every member. Stateless itself: all
 * inventory lives in the grid, so any number of instances may run on any member.
 */
public final class ReservationVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ReservationVerticle.class);
  public static final Setting EVICT_INTERVAL_MILLIS = Setting.number(
      "HOLDFAST_EVICT_INTERVAL_MILLIS", "core.evictIntervalMillis", 60_000, "how often each "
      + "member looks for ended events to evict, a few per round, ms; 0 turns it off on this "
      + "member");
  /** Which instance on a member runs the sweep (local map: member UUID → deployment). */
  private static final String SWEEPERS = "holdfast.core.sweepers";

  private final HazelcastInstance hazelcast;
  private final LongSupplier clock;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private EventPublisher producer;
  private PlacedWindow placed;
  private HoldService holds;
  private HoldExpiry expiry;
  private HoldBatcher batcher;
  private EventCatalog catalog;
  private EvictionSweep sweep;
  private String sweeperKey;
  private String loop;
  private GridLoss loss;
  private long rebuildTimer = -1;
  private long rebuildFailures;
  /** How often a member that lost partitions asks for their rebuild until it is done. */
  static final long REBUILD_ASK_MILLIS = 1000;
  /** A rebuild reads PostgreSQL and loads event after event: it may take a while. */
  static final long REBUILD_TIMEOUT_MILLIS = 120_000;

  public ReservationVerticle(HazelcastInstance hazelcast) {
    this(hazelcast, System::currentTimeMillis);
  }

  /** With its own clock (epoch millis), so tests can move time past hours and days. */
  public ReservationVerticle(HazelcastInstance hazelcast, LongSupplier clock) {
    this.hazelcast = hazelcast;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Grid grid = new Grid(hazelcast, context);
    expiry = new HoldExpiry(grid, clock);
    CoreCodecs.register(vertx);
    // The first core of a member registers the grid's partition-lost listeners: a grid call.
    return vertx.executeBlocking(() -> GridLoss.of(hazelcast), false)
        .compose(gridLoss -> {
          loss = gridLoss;
          holds = new HoldService(grid, clock, loss);
          catalog = new EventCatalog(grid, clock, EventCatalog.evictAfterEndMillis(config()),
              loss);
          sweep(grid);
          return EventPublisher.create(vertx, KafkaSettings.producer(config(),
              "reservation-core"), Topics.HOLDS);
        })
        .compose(publisher -> {
          producer = publisher;
          placed = new PlacedWindow(vertx, publisher);
          batcher = new HoldBatcher(context, grid, clock, placed::placed, loss);
          listen();
          rebuildTimer = vertx.setPeriodic(REBUILD_ASK_MILLIS, id -> askRebuild());
          return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
        });
  }

  /** The first instance on this member sweeps ended events; the others leave it to it. */
  private void sweep(Grid grid) {
    int interval = EVICT_INTERVAL_MILLIS.integer(config());
    String member = hazelcast.getLocalEndpoint().getUuid().toString();
    if (interval > 0 && vertx.sharedData().<String, String>getLocalMap(SWEEPERS)
        .putIfAbsent(member, deploymentID() + '/' + System.identityHashCode(this)) == null) {
      sweeperKey = member;
      sweep = new EvictionSweep(vertx, grid, catalog, clock);
      sweep.start(interval);
    }
  }

  /**
   * Asks the edge to rebuild what this member knows was lost; again every
   * {@link #REBUILD_ASK_MILLIS} until it is done (one request at a time per member, whichever
   * core verticle sends it). Without an edge to answer, the events stay closed: fail closed.
   */
  private void askRebuild() {
    RebuildEvents ask = loss.ask();
    if (ask == null) {
      return;
    }
    long sentAt = System.currentTimeMillis();
    CoreBus.request(vertx, ask, new DeliveryOptions().setSendTimeout(REBUILD_TIMEOUT_MILLIS))
        .onComplete(reply -> {
          // Asked every second until it works: the log says so once in 30.
          if (reply.failed() && rebuildFailures++ % 30 == 0) {
            LOG.warn("The rebuild of lost inventory {} failed; asking again: {}", ask,
                reply.cause().toString());
          }
          loss.answered(sentAt, reply.succeeded() ? reply.result() : null);
        });
  }

  private void listen() {
    consumers.add(vertx.eventBus().<HoldBatch>consumer(Addresses.HOLD_BATCH,
        msg -> batcher.hold(msg.body(), msg::reply)));
    // Edge verticles on this event loop send here, so their batches stay on this thread.
    loop = Thread.currentThread().getName();
    consumers.add(vertx.eventBus().<HoldBatch>localConsumer(CoreClient.localAddress(loop),
        msg -> batcher.hold(msg.body(), msg::reply)));
    vertx.sharedData().<String, Boolean>getLocalMap(CoreClient.LOCAL_CORES).put(loop, true);
    // A reloaded event may have a new sales window (an edit, a cancellation): every batcher
    // drops its copy at once instead of within its second.
    serve(Addresses.LOAD_EVENT, (LoadEvent req) -> {
      long began = System.currentTimeMillis();
      return catalog.load(req).onSuccess(loaded -> {
        vertx.eventBus().publish(Addresses.EVENT_CHANGED, loaded.eventId());
        if (req.rebuild()) {
          vertx.eventBus().publish(Addresses.EVENT_REBUILT,
              new EventRebuilt(loaded.eventId(), began));
        }
      });
    });
    consumers.add(vertx.eventBus().<String>consumer(Addresses.EVENT_CHANGED,
        msg -> batcher.forget(msg.body())));
    consumers.add(vertx.eventBus().<EventRebuilt>consumer(Addresses.EVENT_REBUILT,
        msg -> loss.rebuilt(msg.body().eventId(), msg.body().startedAt())));
    serve(Addresses.AVAILABILITY, (AvailabilityRequest req) ->
        catalog.availability(req.eventId(), req.seats()));
    serve(Addresses.PING, (Ping req) -> Future.succeededFuture(
        new Pong(hazelcast.getCluster().getMembers().size())));
    serve(Addresses.GET_HOLD, (GetHold req) -> holds.find(req.holdId(), req.buyerId())
        .map(record -> record.view(clock.getAsLong())));
    serve(Addresses.RELEASE, (Release req) -> holds.release(req.holdId(), req.buyerId())
        .map(HoldChanged::new));
    serve(Addresses.ABANDON, (Abandon req) -> holds.abandon(req.holdId())
        .map(HoldChanged::new));
    serve(Addresses.EXPIRE, (Expire req) -> expiry.expire(req.holdIds()));
    serve(Addresses.CONFIRM, (Confirm req) -> holds.confirm(req.holdId()));
    serve(Addresses.REFUND, (Refund req) -> holds.refund(req.holdId()));
  }

  /** Serves one kind of request; its typed handler answers with the typed reply. */
  private <Q extends CoreRequest<R>, R extends CoreReply> void serve(String address,
      Function<Q, Future<R>> handler) {
    consumers.add(vertx.eventBus().<Q>consumer(address, msg -> answer(address, msg, handler)));
  }

  private <Q extends CoreRequest<R>, R extends CoreReply> void answer(String address, Message<Q> msg,
      Function<Q, Future<R>> handler) {
    Future<R> result;
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
    if (sweep != null) {
      sweep.stop();
      vertx.sharedData().getLocalMap(SWEEPERS).remove(sweeperKey);
    }
    vertx.cancelTimer(rebuildTimer);
    if (loop != null) {
      vertx.sharedData().<String, Boolean>getLocalMap(CoreClient.LOCAL_CORES).remove(loop);
    }
    if (producer == null) {
      return Future.succeededFuture();
    }
    return placed.flush().eventually(() -> producer.close());
  }
}

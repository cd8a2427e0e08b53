package io.holdfast.core.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.core.event.EventInfo;
import io.holdfast.contracts.core.RebuildEvents;
import io.holdfast.contracts.core.Rebuilt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this member knows the grid lost, so that nothing is sold from it until it is rebuilt
 * from PostgreSQL. One per member (kept in Hazelcast's user context), shared by its core
 * verticles.
 *
 * <p>A partition whose owner and backup die together comes back empty. An absent inventory
 * entry sells nothing (no processor creates one), but a reload of the event (an edit, a
 * cancellation) would create it afresh with every slot free, and a lost book forgets its holds
 * and its buyers' allowances. So each lost partition closes the events it touched: the grid's
 * own listeners tell every member which partitions of which map were lost, and this member
 * finds the events whose entries or books lived there. A closed event takes no hold and no
 * confirmation (503 {@code inventory-rebuilding}, which buyers and the payment-worker retry),
 * and a reload changes its record but creates none of its entries. The edge's rebuild
 * (asked on {@link io.holdfast.contracts.Addresses#REBUILD_EVENTS}) loads it again with what
 * PostgreSQL says is sold, which fills exactly what is absent and reopens it.
 *
 * <p>The hold path reads only local state: a counter and, while anything is closed, a set.
 * Every entry remembers when its loss happened, so a rebuild that began before a second loss
 * does not reopen what that loss closed.
 */
public final class GridLoss {
  private static final Logger LOG = LoggerFactory.getLogger(GridLoss.class);
  private static final String KEY = GridLoss.class.getName();

  private final HazelcastInstance hazelcast;
  private final IMap<String, EventInfo> events;
  /** Closed events: event ID → when (epoch ms) the loss that closed it was heard. */
  private final Map<String, Long> closed = new ConcurrentHashMap<>();
  /** Lost partitions of the events map → when: events whose very record may be gone. */
  private final Map<Integer, Long> eventPartitions = new ConcurrentHashMap<>();
  /** Lost books → when: a hold not found there may have been lost, not never placed. */
  private final Map<Integer, Long> books = new ConcurrentHashMap<>();
  /** Losses heard whose events are not known yet: everything is closed meanwhile. */
  private final AtomicInteger assessing = new AtomicInteger();
  private final Map<Integer, Long> newInventory = new ConcurrentHashMap<>();
  private final Map<Integer, Long> newBooks = new ConcurrentHashMap<>();
  /** Finds the events of lost partitions off Hazelcast's event thread; idle, no thread. */
  private final ThreadPoolExecutor assessor = new ThreadPoolExecutor(0, 1, 10,
      TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
        Thread t = new Thread(task, "holdfast-grid-loss");
        t.setDaemon(true);
        return t;
      });
  private final AtomicBoolean asking = new AtomicBoolean();

  private GridLoss(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.events = hazelcast.getMap(GridMaps.EVENTS);
    // Registered once per member: the grid tells each registration which partition of which
    // map lost its owner and every backup.
    hazelcast.getMap(GridMaps.INVENTORY).addPartitionLostListener(
        e -> lost(newInventory, e.getPartitionId()));
    hazelcast.getMap(GridMaps.BOOKS_MAP).addPartitionLostListener(
        e -> lost(newBooks, e.getPartitionId()));
    events.addPartitionLostListener(e -> lost(eventPartitions, e.getPartitionId()));
  }

  /** This member's; the first call registers the listeners (a grid call: not on a loop). */
  public static GridLoss of(HazelcastInstance hazelcast) {
    return (GridLoss) hazelcast.getUserContext().computeIfAbsent(KEY,
        k -> new GridLoss(hazelcast));
  }

  private void lost(Map<Integer, Long> into, int partition) {
    // Counted before anything else, so a concurrent reopening never misses this loss.
    assessing.incrementAndGet();
    long at = System.currentTimeMillis();
    LOG.debug("The grid lost partition {} (owner and backups)", partition);
    into.merge(partition, at, Math::max);
    assessor.execute(this::assess);
  }

  /** Closes every event the grid knows whose entries or books were in a lost partition. */
  private void assess() {
    try {
      Map<Integer, Long> inventory = drain(newInventory);
      Map<Integer, Long> lostBooks = new HashMap<>();
      PartitionService partitions = hazelcast.getPartitionService();
      drain(newBooks).forEach((partition, at) -> {
        for (int b = 0; b < HoldKey.BOOKS; b++) {
          if (partitions.getPartition(GridMaps.bookKey(b)).getPartitionId() == partition) {
            lostBooks.put(b, at);
            books.merge(b, at, Math::max);
          }
        }
      });
      while (!inventory.isEmpty() || !lostBooks.isEmpty()) {
        try {
          closeTouched(inventory, lostBooks, partitions);
          break;
        } catch (RuntimeException e) {
          // Everything stays closed (assessing) until the grid answers.
          LOG.error("Cannot read the grid's events after a loss; trying again", e);
          sleep();
        }
      }
    } finally {
      assessing.decrementAndGet();
    }
  }

  private void closeTouched(Map<Integer, Long> inventory, Map<Integer, Long> lostBooks,
      PartitionService partitions) {
    int before = closed.size();
    for (EventInfo event : events.values()) {
      long at = touched(event, inventory, lostBooks, partitions);
      if (at > 0) {
        closed.merge(event.eventId(), at, Math::max);
      }
    }
    LOG.warn("The grid lost {} inventory partition(s) and {} book(s): {} more event(s) closed "
            + "until rebuilt from PostgreSQL ({} in all; {} partition(s) of event records lost)",
        inventory.size(), lostBooks.size(), closed.size() - before, closed.size(),
        eventPartitions.size());
  }

  /** When the loss that touched the event was heard, or 0 if none did. */
  private static long touched(EventInfo event, Map<Integer, Long> inventory,
      Map<Integer, Long> lostBooks, PartitionService partitions) {
    long at = 0;
    for (int k = 0; k < event.inventoryEntries() && !inventory.isEmpty(); k++) {
      Long when = inventory.get(partitions.getPartition(
          GridMaps.shardKey(event.eventId(), k)).getPartitionId());
      at = when == null ? at : Math.max(at, when);
    }
    int first = HoldKey.firstBook(event.eventId());
    for (int j = 0; j < HoldKey.BOOKS_PER_EVENT; j++) {
      Long when = lostBooks.get((first + j) % HoldKey.BOOKS);
      at = when == null ? at : Math.max(at, when);
    }
    return at;
  }

  private static Map<Integer, Long> drain(Map<Integer, Long> pending) {
    Map<Integer, Long> drained = new HashMap<>();
    for (Integer p : pending.keySet()) {
      Long at = pending.remove(p);
      if (at != null) {
        drained.put(p, at);
      }
    }
    return drained;
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether holds and confirmations of an event must be refused: a loss is being assessed, or
   * the event lost entries, books or its record (which a near cache may still show). The hold
   * path's check: a volatile read and two emptiness checks, more only during a loss.
   */
  public boolean closed(String eventId) {
    return assessing.get() > 0 || !closed.isEmpty() && closed.containsKey(eventId)
        || recordLost(eventId);
  }

  /**
   * Whether the event's own record may have been lost: its other losses cannot be known, so
   * it stays closed until every event on sale was rebuilt.
   */
  public boolean recordLost(String eventId) {
    return !eventPartitions.isEmpty() && eventPartitions.containsKey(
        hazelcast.getPartitionService().getPartition(eventId).getPartitionId());
  }

  /** Whether a hold not found in {@code book} may have been lost with it. */
  public boolean bookLost(int book) {
    return assessing.get() > 0 || !books.isEmpty() && books.containsKey(book);
  }

  /** Whether anything is being assessed (which events a loss touched is not known yet). */
  public boolean assessing() {
    return assessing.get() > 0;
  }

  /** A load with {@code rebuild} that began at {@code startedAt} filled the event in. */
  public void rebuilt(String eventId, long startedAt) {
    closed.computeIfPresent(eventId, (id, at) -> at < startedAt ? null : at);
    forgetBooks();
  }

  /**
   * The request for the edge's rebuild, or null when nothing needs one or a request is out
   * already (one at a time per member). {@link #answered} must follow.
   */
  public RebuildEvents ask() {
    boolean unknown = !eventPartitions.isEmpty();
    if (closed.isEmpty() && !unknown || !asking.compareAndSet(false, true)) {
      return null;
    }
    return new RebuildEvents(List.copyOf(closed.keySet()), unknown);
  }

  /** The rebuild asked at {@code sentAt} answered (null: it failed; asked again later). */
  public void answered(long sentAt, Rebuilt reply) {
    if (reply != null) {
      for (String id : reply.rebuilt()) {
        closed.computeIfPresent(id, (k, at) -> at < sentAt ? null : at);
      }
      if (reply.unknown()) {
        eventPartitions.values().removeIf(at -> at < sentAt);
      }
      forgetBooks();
    }
    asking.set(false);
  }

  /** Once every closed event is rebuilt, the lost books hold all they should again. */
  private void forgetBooks() {
    long now = System.currentTimeMillis();
    if (closed.isEmpty() && eventPartitions.isEmpty() && assessing.get() == 0) {
      books.values().removeIf(at -> at < now);
    }
  }
}

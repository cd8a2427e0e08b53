package io.holdfast.core.event;

import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.core.Loaded;
import io.holdfast.contracts.core.SectionKind;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridLoss;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.EventShard;
import io.holdfast.core.hold.EvictEvent;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.hold.RestoreHolds;
import io.holdfast.core.inventory.GaShard;
import io.holdfast.core.inventory.SeatShard;
import io.holdfast.core.inventory.SeatStates;
import io.holdfast.core.inventory.ShardCounts;
import io.holdfast.contracts.Sharding;
import io.holdfast.support.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.LongSupplier;

/** Puts published events into the grid and reads their live counts. */
public final class EventCatalog {
  public static final Setting EVICT_AFTER_END_SECONDS = Setting.number(
      "HOLDFAST_EVICT_AFTER_END_SECONDS", "core.evictAfterEndSeconds", 24 * 3600, "how long "
      + "after an event's end, seconds, its inventory, holds and buyers' allowances stay in the "
      + "grid (late refunds still return seats); then they are evicted and the event answers "
      + "as over");

  private final Grid grid;
  private final LongSupplier clock;
  private final long evictAfterEndMillis;
  private final GridLoss loss;

  /** The grace after an event's end, from the configuration (see {@link #EVICT_AFTER_END_SECONDS}). */
  public static long evictAfterEndMillis(JsonObject config) {
    return Math.max(0, EVICT_AFTER_END_SECONDS.integer(config)) * 1000L;
  }

  /**
   * {@code evictAfterEndMillis}: how long after its end an event's inventory is kept;
   * {@code loss}: what this member knows the grid lost.
   */
  public EventCatalog(Grid grid, LongSupplier clock, long evictAfterEndMillis, GridLoss loss) {
    this.grid = grid;
    this.clock = clock;
    this.evictAfterEndMillis = evictAfterEndMillis;
    this.loss = loss;
  }

  /**
   * Loads an event: its shards first (only where absent, so publishing again never resets a
   * sale), then the event itself, which is what opens it to holds. After the whole grid
   * restarted, {@code sold} brings what PostgreSQL says is sold: new shards are made with those
   * slots sold, and the sold holds go back into their books.
   *
   * <p>An event whose inventory was evicted, or is due to be (it ended longer than the grace
   * ago), gets none: a reload or a rebuild never brings back inventory that could sell seats
   * again. It is kept as a tombstone (see {@link EventInfo#evicted}) that answers as over.
   *
   * <p>A rebuild ({@code rebuild: true}, from the edge, with {@code sold}) fills in what the
   * grid lost and nothing else: absent entries, absent records, and the event itself only if
   * absent (the grid's copy may be a newer edit or cancellation than what the rebuild read).
   * Any other load of an event that lost entries (see {@link GridLoss}) must not make them
   * afresh, empty, and sell their sold seats again: it changes only the event, which stays
   * closed until the rebuild.
   */
  public Future<Loaded> load(LoadEvent request) {
    EventInfo info = EventInfo.from(request, evictAfterEndMillis);
    boolean rebuild = request.rebuild();
    if (!rebuild && (loss.assessing() || loss.recordLost(info.eventId()))) {
      // Whether the event lost entries is not known (yet): neither creating them nor leaving
      // them out is safe. The edit, cancellation or publication is retried in seconds.
      return Future.failedFuture(Problems.inventoryRebuilding("Event " + info.eventId())
          .toException());
    }
    // Defence in depth: the edge loads an event only under its row lock in PostgreSQL, but
    // should a stale copy ever come, a cancelled or ended event still never reopens.
    return info.finished() ? afterLoss(info, request, rebuild)
        : grid.event(info.eventId()).compose(known -> known != null && known.finished()
            ? Future.failedFuture(Problem.of(409, "invalid-state", "Not allowed now", "Event "
                + info.eventId() + " was cancelled or has ended; its sales cannot reopen")
                .toException())
            : afterLoss(info, request, rebuild));
  }

  /** An event that lost entries changes only itself until its rebuild; any other loads. */
  private Future<Loaded> afterLoss(EventInfo info, LoadEvent request, boolean rebuild) {
    if (!rebuild && loss.closed(info.eventId())) {
      return grid.putEvent(info).map(ignored -> Loaded.rebuildingOf(info.eventId()));
    }
    return put(info, request, rebuild);
  }

  private Future<Loaded> put(EventInfo info, LoadEvent request, boolean rebuild) {
    SoldHolds sold = new SoldHolds(info, request.sold());
    long now = clock.getAsLong();
    Loaded ended = Loaded.endedOf(info.eventId());
    return grid.event(info.eventId()).compose(known -> {
      if (known != null && known.evicted()) {
        return Future.succeededFuture(ended);
      }
      if (info.evictAt() > now) {
        return loadInventory(info, sold, rebuild);
      }
      // Due for eviction: a loaded event goes as the sweep would take it; an unknown one (a
      // rebuild) is only remembered as over, with what PostgreSQL says it sold.
      return (known != null ? evict(info.eventId(), now)
          : grid.putEvent(info.evicted(sold.perSection()))).map(ended);
    });
  }

  private Future<Loaded> loadInventory(EventInfo info, SoldHolds sold, boolean rebuild) {
    List<Future<Boolean>> shards = new ArrayList<>();
    List<EventInfo.Section> sections = info.sections();
    for (int k = 0; k < info.inventoryEntries(); k++) {
      GaShard[] parts = new GaShard[sections.size()];
      for (EventInfo.Section s : sections) {
        if (s.reserved() && k == s.firstEntry()) {
          parts[s.index()] = new SeatShard(s.layout().rowStarts());
        } else if (!s.reserved() && k < s.shards()) {
          parts[s.index()] = new GaShard(Sharding.size(s.capacity(), s.shards(), k));
        }
      }
      sold.applyTo(k, parts);
      shards.add(grid.addShardIfAbsent(GridMaps.shardKey(info.eventId(), k),
          new EventShard(parts)));
    }
    return Future.all(shards)
        .compose(created -> restore(sold))
        .compose(restored -> rebuild ? grid.addEventIfAbsent(info).mapEmpty()
            : grid.putEvent(info))
        .map(ignored -> new Loaded(info.eventId(), shards.size(), sold.size(), false, false));
  }

  /**
   * Evicts the inventory of an event due for it (ended longer than the grace ago): first its
   * tombstone with what each section sold, so nothing sells it meanwhile and no reload brings
   * it back; then its inventory entries; then its holds and allowances in every book. Answers
   * whether it evicted (false for an event not due, gone, or evicted before).
   */
  public Future<Boolean> evict(String eventId, long now) {
    return grid.event(eventId).compose(event -> {
      if (event == null || event.evicted() || event.evictAt() > now) {
        return Future.succeededFuture(false);
      }
      return availability(eventId, false)
          .compose(counts -> {
            List<Availability.Section> sections = counts.sections();
            int[] sold = new int[sections.size()];
            for (int i = 0; i < sold.length; i++) {
              sold[i] = sections.get(i).counts().sold();
            }
            return grid.putEvent(event.evicted(sold));
          })
          .compose(tombstone -> grid.dropShards(eventId, event.inventoryEntries()))
          .compose(dropped -> grid.onEveryBook(new EvictEvent(eventId)))
          .map(true);
    });
  }

  /** Puts sold holds back in their books (a no-op for those there already). */
  private Future<?> restore(SoldHolds sold) {
    if (sold.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Boolean>> books = new ArrayList<>();
    sold.records().forEach((book, records) -> books.add(grid.onBook(book,
        new RestoreHolds(records.toArray(HoldRecord[]::new)))));
    return Future.all(books);
  }

  /**
   * Per section {capacity, available, held, sold}, and the totals; for a reserved section also
   * its seat map, a string per row with a letter per seat: {@code f} free, {@code h} held,
   * {@code s} sold (unless {@code seats} is false: counts only). Lapsed holds count as free.
   */
  public Future<Availability> availability(String eventId, boolean seats) {
    long now = clock.getAsLong();
    return grid.event(eventId).compose(event -> {
      if (event == null) {
        return Future.failedFuture(Problems.notFound("Event " + eventId).toException());
      }
      if (event.evicted()) {
        return Future.succeededFuture(over(event));
      }
      // One read per entry, in parallel: single-key operations are far cheaper in Hazelcast
      // than a multi-key one, which waits on a generic thread.
      int entries = event.inventoryEntries();
      List<Future<int[]>> reads = new ArrayList<>();
      Map<Integer, Future<byte[][]>> maps = new HashMap<>();
      for (int k = 0; k < entries; k++) {
        reads.add(grid.onShard(GridMaps.shardKey(eventId, k), new ShardCounts(now)));
      }
      for (EventInfo.Section s : event.sections()) {
        if (s.reserved() && seats) {
          maps.computeIfAbsent(s.firstEntry(), k -> grid.onShard(GridMaps.shardKey(eventId, k),
              new SeatStates(now)));
        }
      }
      List<Future<?>> all = new ArrayList<>(reads);
      all.addAll(maps.values());
      return Future.all(all).map(done -> {
        List<Availability.Section> sections = new ArrayList<>();
        int[] total = new int[4];
        for (EventInfo.Section s : event.sections()) {
          int[] sum = new int[4];
          for (int k = 0; k < s.shards(); k++) {
            int[] c = reads.get(s.entryOf(k)).result();
            for (int i = 0; i < 4 && c != null; i++) {
              sum[i] += c[4 * s.index() + i];
              total[i] += c[4 * s.index() + i];
            }
          }
          List<Availability.SeatRow> rows = null;
          if (s.reserved() && seats) {
            byte[][] states = maps.get(s.firstEntry()).result();
            rows = rows(s.layout(), states == null ? null : states[s.index()]);
          }
          sections.add(new Availability.Section(s.id(), SectionKind.of(s.kind()), counts(sum),
              rows));
        }
        return new Availability(eventId, counts(total), sections);
      });
    });
  }

  /**
   * An event whose inventory was evicted: what it sold per section, nothing held, the rest
   * available (no seat map: the seats' states went with the inventory).
   */
  private static Availability over(EventInfo event) {
    List<Availability.Section> sections = new ArrayList<>();
    int[] total = new int[4];
    for (EventInfo.Section s : event.sections()) {
      int sold = event.soldAtEviction(s.index());
      int[] c = {s.capacity(), s.capacity() - sold, 0, sold};
      for (int i = 0; i < 4; i++) {
        total[i] += c[i];
      }
      sections.add(new Availability.Section(s.id(), SectionKind.of(s.kind()), counts(c), null));
    }
    return new Availability(event.eventId(), counts(total), sections);
  }

  /** A reserved section's rows as {@code [{label, seats: "ffhs..."}]}. */
  private static List<Availability.SeatRow> rows(SeatLayout layout, byte[] states) {
    List<Availability.SeatRow> rows = new ArrayList<>(layout.rows());
    for (int r = 0; r < layout.rows(); r++) {
      int from = layout.rowStart(r);
      int to = r + 1 < layout.rows() ? layout.rowStart(r + 1) : layout.seats();
      String seats = states == null ? "f".repeat(to - from)
          : new String(states, from, to - from, StandardCharsets.US_ASCII);
      rows.add(new Availability.SeatRow(layout.label(r), seats));
    }
    return rows;
  }

  private static Availability.Counts counts(int[] c) {
    return new Availability.Counts(c[0], c[1], c[2], c[3]);
  }
}

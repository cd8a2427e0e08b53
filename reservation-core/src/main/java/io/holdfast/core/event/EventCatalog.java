package io.holdfast.core.event;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridLoss;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.EventShard;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.hold.RestoreHolds;
import io.holdfast.core.inventory.GaShard;
import io.holdfast.core.inventory.SeatShard;
import io.holdfast.core.inventory.SeatStates;
import io.holdfast.core.inventory.ShardCounts;
import io.holdfast.contracts.Sharding;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.LongSupplier;

/** Puts published events into the grid and reads their live counts. */
public final class EventCatalog {
  private final Grid grid;
  private final LongSupplier clock;
  private final GridLoss loss;

  public EventCatalog(Grid grid, LongSupplier clock, GridLoss loss) {
    this.grid = grid;
    this.clock = clock;
    this.loss = loss;
  }

  /**
   * Loads an event: its shards first (only where absent, so publishing again never resets a
   * sale), then the event itself, which is what opens it to holds. After the whole grid
   * restarted, {@code sold} brings what PostgreSQL says is sold: new shards are made with those
   * slots sold, and the sold holds go back into their books.
   *
   * <p>A rebuild ({@code rebuild: true}, from the edge, with {@code sold}) fills in what the
   * grid lost and nothing else: absent entries, absent records, and the event itself only if
   * absent (the grid's copy may be a newer edit or cancellation than what the rebuild read).
   * Any other load of an event that lost entries (see {@link GridLoss}) must not make them
   * afresh, empty, and sell their sold seats again: it changes only the event, which stays
   * closed until the rebuild.
   */
  public Future<JsonObject> load(JsonObject eventJson) {
    EventInfo info = EventInfo.fromJson(eventJson);
    boolean rebuild = eventJson.getBoolean("rebuild", false);
    if (!rebuild && (loss.assessing() || loss.recordLost(info.eventId()))) {
      // Whether the event lost entries is not known (yet): neither creating them nor leaving
      // them out is safe. The edit, cancellation or publication is retried in seconds.
      return Future.failedFuture(Problems.inventoryRebuilding("Event " + info.eventId())
          .toException());
    }
    if (!rebuild && loss.closed(info.eventId())) {
      return grid.putEvent(info).map(ignored -> new JsonObject()
          .put("eventId", info.eventId()).put("rebuilding", true));
    }
    SoldHolds sold = new SoldHolds(info, eventJson.getJsonArray("sold"));
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
        .map(ignored -> new JsonObject().put("eventId", info.eventId())
            .put("shards", shards.size()).put("restoredHolds", sold.size()));
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
  public Future<JsonObject> availability(String eventId, boolean seats) {
    long now = clock.getAsLong();
    return grid.event(eventId).compose(event -> {
      if (event == null) {
        return Future.failedFuture(Problems.notFound("Event " + eventId).toException());
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
        JsonArray sections = new JsonArray();
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
          JsonObject section = counts(sum).put("sectionId", s.id()).put("kind", s.kind());
          if (s.reserved() && seats) {
            byte[][] states = maps.get(s.firstEntry()).result();
            section.put("rows", rows(s.layout(), states == null ? null : states[s.index()]));
          }
          sections.add(section);
        }
        return counts(total).put("eventId", eventId).put("sections", sections);
      });
    });
  }

  /** A reserved section's rows as {@code [{label, seats: "ffhs..."}]}. */
  private static JsonArray rows(SeatLayout layout, byte[] states) {
    JsonArray rows = new JsonArray();
    for (int r = 0; r < layout.rows(); r++) {
      int from = layout.rowStart(r);
      int to = r + 1 < layout.rows() ? layout.rowStart(r + 1) : layout.seats();
      String seats = states == null ? "f".repeat(to - from)
          : new String(states, from, to - from, StandardCharsets.US_ASCII);
      rows.add(new JsonObject().put("label", layout.label(r)).put("seats", seats));
    }
    return rows;
  }

  private static JsonObject counts(int[] c) {
    return new JsonObject().put("capacity", c[0]).put("available", c[1]).put("held", c[2])
        .put("sold", c[3]);
  }
}

package io.holdfast.core.event;

import io.holdfast.contracts.Sharding;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.inventory.GaShard;
import io.holdfast.contracts.core.LoadEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL says is sold of an event, for a rebuild after the whole grid restarted: per
 * sold hold its buyer and its tickets' slots, section by section ({@code sold} of a load
 * request: {@code [{holdId, buyerId, sectionId, slots: [..], createdAt}]}). Its slots go into
 * the shards as they are made; its records go back into their books.
 */
final class SoldHolds {
  /** One sold hold: its parts are (entry, section, local slots), in order. */
  private static final class Sold {
    final HoldKey key;
    final String buyerId;
    final long createdAt;
    final List<int[]> parts = new ArrayList<>();
    final List<int[]> slots = new ArrayList<>();

    Sold(HoldKey key, String buyerId, long createdAt) {
      this.key = key;
      this.buyerId = buyerId;
      this.createdAt = createdAt;
    }
  }

  private final EventInfo event;
  private final Map<HoldKey, Sold> holds = new LinkedHashMap<>();

  SoldHolds(EventInfo event, List<LoadEvent.SoldHold> sold) {
    this.event = event;
    for (LoadEvent.SoldHold s : sold) {
      HoldKey key = HoldKey.parse(s.holdId());
      EventInfo.Section section = event.section(s.sectionId());
      if (key == null || section == null) {
        continue;
      }
      String created = s.createdAt();
      Sold hold = holds.computeIfAbsent(key, k -> new Sold(k, s.buyerId(),
          created == null ? 0 : Instant.parse(created).toEpochMilli()));
      int[] slots = s.slots().stream().mapToInt(Integer::intValue).sorted().toArray();
      add(hold, section, slots);
    }
  }

  /** Splits a section's slots over its shards, as local slots of each. */
  private static void add(Sold hold, EventInfo.Section section, int[] slots) {
    for (int k = 0; k < section.shards(); k++) {
      int base = section.reserved() ? 0
          : Sharding.base(section.capacity(), section.shards(), k);
      int size = section.reserved() ? section.capacity()
          : Sharding.size(section.capacity(), section.shards(), k);
      int[] local = Arrays.stream(slots).filter(v -> v >= base && v < base + size)
          .map(v -> v - base).toArray();
      if (local.length > 0) {
        hold.parts.add(new int[] {section.entryOf(k), section.index(), local.length});
        hold.slots.add(local);
      }
    }
  }

  boolean isEmpty() {
    return holds.isEmpty();
  }

  int size() {
    return holds.size();
  }

  /** How many tickets each section of the event sold, in the event's order of sections. */
  int[] perSection() {
    int[] sold = new int[event.sections().size()];
    for (Sold hold : holds.values()) {
      for (int[] part : hold.parts) {
        sold[part[1]] += part[2];
      }
    }
    return sold;
  }

  /** Marks the sold slots in the shards of inventory entry {@code entry}, being made. */
  void applyTo(int entry, GaShard[] shards) {
    for (Sold hold : holds.values()) {
      for (int p = 0; p < hold.parts.size(); p++) {
        int[] part = hold.parts.get(p);
        GaShard shard = part[0] == entry ? shards[part[1]] : null;
        if (shard != null) {
          shard.restoreSold(hold.key.hi(), hold.key.lo(), hold.slots.get(p));
        }
      }
    }
  }

  /** The sold holds' records, by book. */
  Map<Integer, List<HoldRecord>> records() {
    Map<Integer, List<HoldRecord>> byBook = new HashMap<>();
    for (Sold hold : holds.values()) {
      int quantity = 0;
      long amount = 0;
      int[] placement = new int[3 * hold.parts.size()];
      List<Integer> seatList = new ArrayList<>();
      List<String> seatIds = new ArrayList<>();
      for (int p = 0; p < hold.parts.size(); p++) {
        int[] part = hold.parts.get(p);
        System.arraycopy(part, 0, placement, 3 * p, 3);
        EventInfo.Section section = event.sections().get(part[1]);
        quantity += part[2];
        amount += section.priceCents() * part[2];
        if (section.reserved()) {
          for (int slot : hold.slots.get(p)) {
            seatList.add(slot);
            seatIds.add(section.layout().seatId(slot));
          }
        }
      }
      EventInfo.Section first = event.sections().get(hold.parts.get(0)[1]);
      boolean seated = !seatIds.isEmpty();
      HoldRecord record = HoldRecord.restored(hold.key, event.eventId(), hold.buyerId,
          first.id(), quantity, amount, event.currency(), hold.createdAt, placement,
          seated ? seatList.stream().mapToInt(Integer::intValue).toArray() : null,
          seated ? seatIds.toArray(String[]::new) : null, hold.slots.toArray(int[][]::new));
      byBook.computeIfAbsent(hold.key.book(), k -> new ArrayList<>()).add(record);
    }
    return byBook;
  }
}

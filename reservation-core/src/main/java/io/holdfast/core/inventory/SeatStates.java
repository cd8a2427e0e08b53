package io.holdfast.core.inventory;

import io.holdfast.core.grid.CoreSerialization;

/**
 * Reads the seat map of the reserved sections in an inventory entry: per section a byte per
 * seat ('f', 'h', 's'; see {@link SeatShard#states}), null for sections not reserved here.
 */
public final class SeatStates extends InventoryReader<byte[][]> {
  public SeatStates() {}

  public SeatStates(long now) {
    super(now);
  }

  @Override
  byte[][] read(EventShard shard) {
    byte[][] states = new byte[shard.sectionCount()][];
    for (int i = 0; i < states.length; i++) {
      if (shard.section(i) instanceof SeatShard seats) {
        states[i] = seats.states(now);
      }
    }
    return states;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.SEAT_STATES;
  }
}

package io.holdfast.core.grid;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.hold.EvictEvent;
import io.holdfast.core.hold.ExpireHolds;
import io.holdfast.core.hold.ExpiredHolds;
import io.holdfast.core.hold.HoldBook;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.core.hold.HoldTransition;
import io.holdfast.core.hold.PlaceHolds;
import io.holdfast.core.hold.ReadHold;
import io.holdfast.core.hold.RestoreHolds;
import io.holdfast.core.inventory.ConfirmSlots;
import io.holdfast.core.inventory.DropShard;
import io.holdfast.core.inventory.EventShard;
import io.holdfast.core.inventory.GaShard;
import io.holdfast.core.inventory.ReleaseBatch;
import io.holdfast.core.inventory.ReleaseSlots;
import io.holdfast.core.inventory.SeatShard;
import io.holdfast.core.inventory.SeatStates;
import io.holdfast.core.inventory.TakeSeats;
import io.holdfast.core.inventory.ShardCounts;
import io.holdfast.core.inventory.TakeBatch;
import io.holdfast.core.inventory.UnsellSlots;
import java.util.function.Supplier;

/**
 * Compact, reflection-free serialization for everything the grid stores or ships between
 * members (Java serialization would cost several times more per hold on the backup path).
 */
public final class CoreSerialization implements DataSerializableFactory {
  public static final int FACTORY_ID = 7100;

  public static final int GA_SHARD = 1;
  public static final int RELEASE_SLOTS = 3;
  public static final int CONFIRM_SLOTS = 4;
  public static final int UNSELL_SLOTS = 5;
  public static final int SHARD_COUNTS = 6;
  public static final int HOLD_RECORD = 7;
  public static final int HOLD_TRANSITION = 8;
  public static final int HOLD_BOOK = 9;
  public static final int PLACE_HOLDS = 10;
  public static final int READ_HOLD = 11;
  public static final int EVENT_INFO = 12;
  public static final int TAKE_BATCH = 13;
  public static final int EVENT_SHARD = 14;
  public static final int EXPIRE_HOLDS = 15;
  public static final int EXPIRED_HOLDS = 16;
  public static final int RELEASE_BATCH = 17;
  public static final int SEAT_SHARD = 18;
  public static final int TAKE_SEATS = 19;
  public static final int SEAT_STATES = 20;
  public static final int RESTORE_HOLDS = 21;
  public static final int DROP_SHARD = 22;
  public static final int EVICT_EVENT = 23;


  @SuppressWarnings("unchecked")
  private static final Supplier<IdentifiedDataSerializable>[] TYPES = new Supplier[] {
      null, GaShard::new, null, ReleaseSlots::new, ConfirmSlots::new, UnsellSlots::new,
      ShardCounts::new, HoldRecord::new, HoldTransition::new, HoldBook::new, PlaceHolds::new,
      ReadHold::new, EventInfo::new, TakeBatch::new, EventShard::new,
      ExpireHolds::new, ExpiredHolds::new, ReleaseBatch::new, SeatShard::new, TakeSeats::new,
      SeatStates::new, RestoreHolds::new, DropShard::new, EvictEvent::new
  };

  @Override
  public IdentifiedDataSerializable create(int typeId) {
    return typeId > 0 && typeId < TYPES.length && TYPES[typeId] != null ? TYPES[typeId].get()
        : null;
  }
}

package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * The k-th inventory entry of an event: shard k of each of its general-admission sections, in
 * the order of the event's sections (null where a small section has fewer shards), and the
 * reserved sections whose one shard lives here ({@link SeatShard}). A batch of
 * holds across several sections of an event then costs one entry processor, not one per
 * section; the event's k entries still spread over the grid's partitions.
 */
public final class EventShard implements IdentifiedDataSerializable {
  private GaShard[] sections = new GaShard[0];

  public EventShard() {}

  public EventShard(GaShard[] sections) {
    this.sections = sections;
  }

  /** Section {@code index}'s shard here, or null when the section has none here. */
  public GaShard section(int index) {
    return index >= 0 && index < sections.length ? sections[index] : null;
  }

  public int sectionCount() {
    return sections.length;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.EVENT_SHARD;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(sections.length);
    for (GaShard s : sections) {
      out.writeByte(s == null ? 0 : s instanceof SeatShard ? 2 : 1);
      if (s != null) {
        s.writeData(out);
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    sections = new GaShard[in.readInt()];
    for (int i = 0; i < sections.length; i++) {
      byte kind = in.readByte();
      if (kind != 0) {
        sections[i] = kind == 2 ? new SeatShard() : new GaShard();
        sections[i].readData(in);
      }
    }
  }
}

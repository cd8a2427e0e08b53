package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Forgets, in one book, an event whose inventory is evicted: its holds (sold ones included) and
 * its buyers' allowances. Answers how many holds went.
 */
public final class EvictEvent extends BookProcessor<Integer> {
  private String eventId;

  public EvictEvent() {}

  public EvictEvent(String eventId) {
    this.eventId = eventId;
  }

  @Override
  Integer apply(HoldBook book) {
    return book.evict(eventId);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.EVICT_EVENT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(eventId);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    eventId = in.readString();
  }
}

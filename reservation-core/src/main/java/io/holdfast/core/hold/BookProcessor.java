package io.holdfast.core.hold;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.util.Map;

/** An entry processor on one book of holds; deterministic in what it carries. */
abstract class BookProcessor<R> implements EntryProcessor<String, HoldBook, R>,
    IdentifiedDataSerializable {

  @Override
  public final R process(Map.Entry<String, HoldBook> entry) {
    HoldBook book = entry.getValue();
    if (book == null) {
      if (!createsBook()) {
        return null;
      }
      book = new HoldBook();
    }
    R result = apply(book);
    if (changesBook()) {
      entry.setValue(book);
    }
    return result;
  }

  abstract R apply(HoldBook book);

  boolean createsBook() {
    return false;
  }

  boolean changesBook() {
    return true;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }
}

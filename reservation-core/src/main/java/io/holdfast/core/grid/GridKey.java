package io.holdfast.core.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.PartitionAware;
import java.io.IOException;

/**
 * A key whose partition is chosen by its {@code bucket}, not by itself, so that a batch of
 * entries (buyers of one event, hold records) lands on a few partitions and is written in a
 * few operations. Equality is by {@code id} alone; the bucket is derived from it.
 * (Hazelcast 5.3's {@code getAsync} ignores a map's string partitioning strategy, so the
 * partition is carried by the key itself.)
 */
public final class GridKey implements PartitionAware<String>, IdentifiedDataSerializable {
  private String id;
  private String bucket;

  public GridKey() {}

  public GridKey(String id, String bucket) {
    this.id = id;
    this.bucket = bucket;
  }

  public String id() {
    return id;
  }

  public String bucket() {
    return bucket;
  }

  @Override
  public String getPartitionKey() {
    return bucket;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GridKey k && k.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id + "@" + bucket;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.GRID_KEY;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(id);
    out.writeString(bucket);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    id = in.readString();
    bucket = in.readString();
  }
}

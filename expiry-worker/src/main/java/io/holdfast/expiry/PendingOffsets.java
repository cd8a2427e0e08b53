package io.holdfast.expiry;

import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which offsets of each partition may be committed while holds wait for their expiry. A
 * partition is safe to commit up to its lowest offset still pending, or past the last record
 * seen when nothing is pending, so a restart redelivers exactly the holds not yet expired.
 * Used from one event loop only; not thread-safe.
 */
final class PendingOffsets {

  /** One record whose hold is not expired yet. Identity matters: a revoked entry stays dead. */
  static final class Entry {
    final TopicPartition partition;
    final long offset;
    /** The timer that will act on it next, so a revocation can cancel it; -1 when none. */
    long timerId = -1;

    private Entry(TopicPartition partition, long offset) {
      this.partition = partition;
      this.offset = offset;
    }
  }

  private static final class Partition {
    final TreeMap<Long, Entry> pending = new TreeMap<>();
    /** Offset after the last record seen; -1 before the first. */
    long next = -1;
    /** What was last committed (or found committable and handed out); -1 when nothing yet. */
    long committed = -1;

    long committable() {
      return pending.isEmpty() ? next : pending.firstKey();
    }
  }

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();
  private int size;

  /**
   * A record whose hold must be expired before its offset may be committed; null when that
   * offset is pending already (the record came again), so it is not scheduled twice.
   */
  Entry track(TopicPartition tp, long offset) {
    Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
    p.next = Math.max(p.next, offset + 1);
    if (p.pending.containsKey(offset)) {
      return null;
    }
    Entry entry = new Entry(tp, offset);
    p.pending.put(offset, entry);
    size++;
    return entry;
  }

  /** A record that needs nothing (another type, malformed): only moves the commit point. */
  void skip(TopicPartition tp, long offset) {
    Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
    p.next = Math.max(p.next, offset + 1);
  }

  /** Whether the entry still counts: false once done or once its partition was revoked. */
  boolean isLive(Entry entry) {
    Partition p = partitions.get(entry.partition);
    return p != null && p.pending.get(entry.offset) == entry;
  }

  /** The hold is expired (or needs nothing more): its offset no longer holds the commit back. */
  void done(Entry entry) {
    Partition p = partitions.get(entry.partition);
    if (p != null && p.pending.remove(entry.offset, entry)) {
      size--;
    }
  }

  /**
   * Forgets revoked partitions; their records go to the new owner from the last commit. Answers
   * the entries dropped, whose timers the caller cancels.
   */
  List<Entry> revoke(Collection<TopicPartition> revoked) {
    List<Entry> dropped = new ArrayList<>();
    for (TopicPartition tp : revoked) {
      Partition p = partitions.remove(tp);
      if (p != null) {
        dropped.addAll(p.pending.values());
        size -= p.pending.size();
      }
    }
    return dropped;
  }

  /** The offsets that moved since the last call, to be committed now. */
  Map<TopicPartition, OffsetAndMetadata> toCommit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    partitions.forEach((tp, p) -> {
      long offset = p.committable();
      if (offset > p.committed) {
        offsets.put(tp, new OffsetAndMetadata(offset, ""));
      }
    });
    return offsets;
  }

  /** Records a successful commit so the same offsets are not committed again. */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, om) -> {
      Partition p = partitions.get(tp);
      if (p != null) {
        p.committed = Math.max(p.committed, om.getOffset());
      }
    });
  }

  /** How many holds are waiting for their expiry. */
  int size() {
    return size;
  }
}

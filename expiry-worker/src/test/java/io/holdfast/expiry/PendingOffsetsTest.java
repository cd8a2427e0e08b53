package io.holdfast.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pending offsets")
class PendingOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("holds", 0);
  private static final TopicPartition P1 = new TopicPartition("holds", 1);

  private final PendingOffsets pending = new PendingOffsets();

  @Test
  @DisplayName("hold the commit at the lowest offset whose hold is not expired yet")
  void commitStopsAtLowestPending() {
    PendingOffsets.Entry first = pending.track(P0, 10);
    PendingOffsets.Entry second = pending.track(P0, 11);
    pending.track(P0, 12);

    pending.done(second);
    assertThat(offsets()).containsEntry(P0, 10L);

    pending.done(first);
    assertThat(offsets()).containsEntry(P0, 12L);
    assertThat(pending.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("commit past the last record seen once nothing is pending")
  void commitPastLastRecordWhenIdle() {
    PendingOffsets.Entry entry = pending.track(P0, 4);
    pending.skip(P0, 5);
    pending.done(entry);
    pending.skip(P1, 7);

    assertThat(offsets()).containsOnly(Map.entry(P0, 6L), Map.entry(P1, 8L));
  }

  @Test
  @DisplayName("offer an offset for commit only when it moved since the last commit")
  void offerOnlyMovedOffsets() {
    pending.skip(P0, 1);
    Map<TopicPartition, OffsetAndMetadata> first = pending.toCommit();
    pending.committed(first);

    assertThat(pending.toCommit()).isEmpty();
    pending.skip(P0, 2);
    assertThat(offsets()).containsOnly(Map.entry(P0, 3L));
  }

  @Test
  @DisplayName("forget revoked partitions, so their late answers change nothing")
  void revokedPartitionsAreForgotten() {
    PendingOffsets.Entry revoked = pending.track(P0, 3);
    pending.track(P1, 9);

    List<PendingOffsets.Entry> dropped = pending.revoke(List.of(P0));

    assertThat(dropped).containsExactly(revoked);
    assertThat(pending.isLive(revoked)).isFalse();
    assertThat(pending.size()).isEqualTo(1);
    assertThat(offsets()).containsOnly(Map.entry(P1, 9L));

    // The partition comes back and the record is redelivered: the old entry stays dead.
    PendingOffsets.Entry again = pending.track(P0, 3);
    pending.done(revoked);
    assertThat(pending.isLive(again)).isTrue();
    assertThat(offsets()).containsEntry(P0, 3L);
  }

  @Test
  @DisplayName("track a redelivered record once while it is still pending")
  void redeliveredRecordIsTrackedOnce() {
    assertThat(pending.track(P0, 5)).isNotNull();
    assertThat(pending.track(P0, 5)).isNull();
    assertThat(pending.size()).isEqualTo(1);
  }

  private Map<TopicPartition, Long> offsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = pending.toCommit();
    return offsets.entrySet().stream().collect(Collectors.toMap(
        Map.Entry::getKey, e -> e.getValue().getOffset()));
  }
}

package io.holdfast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.core.inventory.GaShard;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A general-admission shard")
class AllOrNothingTest {
  private static final long A = 0x1111L;
  private static final long B = 0x2222L;
  /** A moment in 2027: the shard keeps expiries as whole seconds since 2020. */
  private static final long T = 1_800_000_000_000L;

  @Test
  @DisplayName("takes all or, when asked for a part, only what is free")
  void takes() {
    GaShard shard = new GaShard(5);
    assertThat(shard.take(A, A, 3, T + 1000, T + 0, false)).containsExactly(0, 1, 2);
    assertThat(shard.take(B, B, 3, T + 1000, T + 0, false)).isEmpty();
    assertThat(shard.take(B, B, 3, T + 1000, T + 0, true)).containsExactly(3, 4);
    assertThat(shard.counts(T + 0)).containsExactly(5, 0, 5, 0);
  }

  @Test
  @DisplayName("treats a lapsed hold as free, and re-takes it on a late confirmation only if still free")
  void lapses() {
    GaShard shard = new GaShard(2);
    shard.take(A, A, 2, T + 1000, T + 0, false);
    assertThat(shard.counts(T + 1000)).containsExactly(2, 2, 0, 0);
    assertThat(shard.take(B, B, 1, T + 5000, T + 1000, false)).hasSize(1);
    // "a" lapsed and one of its slots is gone: its late payment cannot have two.
    assertThat(shard.confirm(A, A, 2, T + 1001)).isNull();
    assertThat(shard.confirm(A, A, 1, T + 1001)).hasSize(1);
    assertThat(shard.confirm(A, A, 1, T + 1001)).hasSize(1);
    assertThat(shard.counts(T + 1001)).containsExactly(2, 0, 1, 1);
  }

  @Test
  @DisplayName("confirms twice to the same slots, and a sold slot never comes back by a release")
  void confirms() {
    GaShard shard = new GaShard(3);
    int[] held = shard.take(A, A, 2, T + 1000, T + 0, false);
    assertThat(shard.confirm(A, A, 2, T + 10)).containsExactly(held);
    assertThat(shard.confirm(A, A, 2, T + 10)).containsExactly(held);
    assertThat(shard.release(A, A)).isZero();
    assertThat(shard.counts(T + 10)).containsExactly(3, 1, 0, 2);
    assertThat(shard.unsell(A, A)).isEqualTo(2);
    assertThat(shard.counts(T + 10)).containsExactly(3, 3, 0, 0);
  }

  @Test
  @DisplayName("answers a retried take with the hold's own slots instead of taking more")
  void retriedTake() {
    GaShard shard = new GaShard(10);
    int[] first = shard.take(A, A, 3, T + 1000, T + 0, false);
    assertThat(shard.take(A, A, 3, T + 1000, T + 0, false)).containsExactly(first);
    assertThat(shard.counts(T + 0)).containsExactly(10, 7, 3, 0);
  }

  @Test
  @DisplayName("keeps every hold's slots apart through thousands of takes and releases")
  void churn() {
    GaShard shard = new GaShard(500);
    java.util.Random random = new java.util.Random(7);
    java.util.Map<Long, int[]> live = new java.util.HashMap<>();
    for (long id = 1; id <= 20_000; id++) {
      if (!live.isEmpty() && random.nextInt(3) == 0) {
        long victim = live.keySet().iterator().next();
        assertThat(shard.release(victim, ~victim)).isEqualTo(live.remove(victim).length);
      }
      int[] slots = shard.take(id, ~id, 1 + random.nextInt(4), Long.MAX_VALUE - 1, 0, false);
      if (slots.length > 0) {
        live.put(id, slots);
      }
    }
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    int held = 0;
    for (java.util.Map.Entry<Long, int[]> e : live.entrySet()) {
      assertThat(shard.confirm(e.getKey(), ~e.getKey(), e.getValue().length, T + 0))
          .containsExactly(e.getValue());
      for (int slot : e.getValue()) {
        assertThat(seen.add(slot)).as("slot %d in two holds", slot).isTrue();
      }
      held += e.getValue().length;
    }
    assertThat(shard.counts(T + 0)).containsExactly(500, 500 - held, 0, held);
  }
}

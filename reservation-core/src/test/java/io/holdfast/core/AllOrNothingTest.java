package io.holdfast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.core.inventory.GaShard;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A general-admission shard")
class AllOrNothingTest {
  @Test
  @DisplayName("takes all or, when asked for a part, only what is free")
  void takes() {
    GaShard shard = new GaShard(5);
    assertThat(shard.take("a", 3, 1000, 0, false)).containsExactly(0, 1, 2);
    assertThat(shard.take("b", 3, 1000, 0, false)).isEmpty();
    assertThat(shard.take("b", 3, 1000, 0, true)).containsExactly(3, 4);
    assertThat(shard.counts(0)).containsExactly(5, 0, 5, 0);
  }

  @Test
  @DisplayName("treats a lapsed hold as free, and re-takes it on a late confirmation only if still free")
  void lapses() {
    GaShard shard = new GaShard(2);
    shard.take("a", 2, 1000, 0, false);
    assertThat(shard.counts(1000)).containsExactly(2, 2, 0, 0);
    assertThat(shard.take("b", 1, 5000, 1000, false)).hasSize(1);
    // "a" lapsed and one of its slots is gone: its late payment cannot have two.
    assertThat(shard.confirm("a", 2, 1001)).isNull();
    assertThat(shard.confirm("a", 1, 1001)).hasSize(1);
    assertThat(shard.confirm("a", 1, 1001)).hasSize(1);
    assertThat(shard.counts(1001)).containsExactly(2, 0, 1, 1);
  }

  @Test
  @DisplayName("confirms twice to the same slots, and a sold slot never comes back by a release")
  void confirms() {
    GaShard shard = new GaShard(3);
    int[] held = shard.take("a", 2, 1000, 0, false);
    assertThat(shard.confirm("a", 2, 10)).containsExactly(held);
    assertThat(shard.confirm("a", 2, 10)).containsExactly(held);
    assertThat(shard.release("a")).isZero();
    assertThat(shard.counts(10)).containsExactly(3, 1, 0, 2);
    assertThat(shard.unsell("a")).isEqualTo(2);
    assertThat(shard.counts(10)).containsExactly(3, 3, 0, 0);
  }
}

package io.holdfast.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A reserved section's seats")
class SeatShardTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final long LATER = NOW + 600_000;
  private long next = 1;

  /** Rows of the given sizes, row 0 first. */
  private static SeatShard shard(int... rowSizes) {
    int[] starts = new int[rowSizes.length + 1];
    for (int r = 0; r < rowSizes.length; r++) {
      starts[r + 1] = starts[r] + rowSizes[r];
    }
    return new SeatShard(starts);
  }

  private int[] best(SeatShard s, int n, boolean together) {
    long key = next++;
    return s.takeBest(key, key | Long.MIN_VALUE, n, together, LATER, NOW);
  }

  private int[] exact(SeatShard s, int... seats) {
    long key = next++;
    return s.takeExact(key, key | Long.MIN_VALUE, seats, LATER, NOW);
  }

  private static boolean refused(int[] answer) {
    return answer.length > 0 && answer[0] == SeatShard.FAILED;
  }

  @Test
  @DisplayName("best available together: the middle of the best row, then outwards, then the next row")
  void together() {
    SeatShard s = shard(10, 10);
    assertThat(best(s, 2, true)).containsExactly(4, 5);
    assertThat(best(s, 4, true)).as("left block nearest the middle").containsExactly(0, 1, 2, 3);
    assertThat(best(s, 4, true)).containsExactly(6, 7, 8, 9);
    assertThat(best(s, 1, true)).containsExactly(14);
    // Row 1 now has 10-13 and 15-19 free: the trio nearest the middle starts at 15.
    assertThat(best(s, 3, true)).containsExactly(15, 16, 17);
  }

  @Test
  @DisplayName("together never splits a party: a gap too small is skipped, and a full section says so")
  void neverSplits() {
    SeatShard s = shard(5, 5);
    assertThat(exact(s, 1, 3)).containsExactly(1, 3);
    // Row 0 has 0, 2 and 4 free, none adjacent: a pair goes to row 1, at its end rather than
    // stranding a single seat beside it.
    assertThat(best(s, 2, true)).containsExactly(5, 6);
    assertThat(best(s, 3, true)).containsExactly(7, 8, 9);
    assertThat(best(s, 2, true)).as("three seats free, no two together")
        .startsWith(SeatShard.FAILED, SeatShard.NOT_TOGETHER);
    assertThat(best(s, 4, false)).startsWith(SeatShard.FAILED, SeatShard.TOO_FEW);
    assertThat(best(s, 3, false)).as("without together the best three seats")
        .containsExactly(2, 0, 4);
    assertThat(best(s, 1, true)).startsWith(SeatShard.FAILED, SeatShard.TOO_FEW);
  }

  @Test
  @DisplayName("parties fill a row without stranding seats: a row of 6 seats two parties of 3")
  void noStrandedSeats() {
    SeatShard s = shard(6, 6);
    assertThat(best(s, 3, true)).containsExactly(0, 1, 2);
    assertThat(best(s, 3, true)).containsExactly(3, 4, 5);
    assertThat(best(s, 2, true)).as("the middle of a fresh row").containsExactly(8, 9);
  }

  @Test
  @DisplayName("a party as wide as a row takes the whole row, at the row's ends too")
  void endsOfRows() {
    SeatShard s = shard(3, 4, 2);
    assertThat(best(s, 4, true)).containsExactly(3, 4, 5, 6);
    assertThat(best(s, 3, true)).containsExactly(0, 1, 2);
    assertThat(best(s, 2, true)).containsExactly(7, 8);
    assertThat(best(s, 1, true)).startsWith(SeatShard.FAILED, SeatShard.TOO_FEW);
  }

  @Test
  @DisplayName("exact seats are all or nothing, and a refusal names the taken ones")
  void exactAllOrNothing() {
    SeatShard s = shard(10);
    assertThat(exact(s, 2, 3)).containsExactly(2, 3);
    int[] refused = exact(s, 1, 2, 3, 4);
    assertThat(refused).containsExactly(SeatShard.FAILED, SeatShard.TAKEN, 2, 3);
    assertThat(s.counts(NOW)).containsExactly(10, 8, 2, 0);
    assertThat(exact(s, 1, 4)).containsExactly(1, 4);
  }

  @Test
  @DisplayName("a lapsed hold's seats are free again, and a paid lapsed hold re-takes its very seats")
  void lapsed() {
    SeatShard s = shard(4);
    assertThat(s.takeExact(1, Long.MIN_VALUE | 1, new int[] {0, 1}, NOW + 1000, NOW))
        .containsExactly(0, 1);
    long after = NOW + 5000;
    assertThat(s.takeExact(2, Long.MIN_VALUE | 2, new int[] {1, 2}, after + 60_000, after))
        .containsExactly(1, 2);
    // The first hold's payment arrives late: seat 1 is gone, so nothing is sold.
    assertThat(s.confirmSeats(1, Long.MIN_VALUE | 1, new int[] {0, 1}, after)).isNull();
    assertThat(s.confirmSeats(3, Long.MIN_VALUE | 3, new int[] {3}, after)).containsExactly(3);
    assertThat(new String(s.states(after))).isEqualTo("fhhs");
  }

  @Test
  @DisplayName("random holds and releases never give one seat to two holds")
  void randomChurn() {
    SeatShard s = shard(20, 20, 17, 30);
    Random random = new Random(7);
    Set<Long> live = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      long key = next++;
      int[] got = random.nextInt(3) == 0
          ? s.takeExact(key, key | Long.MIN_VALUE, new int[] {random.nextInt(87)}, LATER, NOW)
          : s.takeBest(key, key | Long.MIN_VALUE, 1 + random.nextInt(4), random.nextBoolean(),
              LATER, NOW);
      if (!refused(got)) {
        live.add(key);
      }
      if (random.nextInt(2) == 0 && !live.isEmpty()) {
        long gone = live.iterator().next();
        live.remove(gone);
        s.release(gone, gone | Long.MIN_VALUE);
      }
      byte[] states = s.states(NOW);
      int held = 0;
      for (byte b : states) {
        held += b == 'h' ? 1 : 0;
      }
      assertThat(s.counts(NOW)[2]).isEqualTo(held);
    }
    int[] seen = new int[87];
    for (long key : live) {
      for (int seat : s.confirm(key, key | Long.MIN_VALUE, 0, NOW)) {
        seen[seat]++;
      }
    }
    assertThat(Arrays.stream(seen).max().orElse(0)).isLessThanOrEqualTo(1);
  }
}

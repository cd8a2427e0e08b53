package io.holdfast.contracts.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hold keys")
class HoldKeyTest {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  @Test
  @DisplayName("a hold ID cannot be foretold from the random numbers its thread handed out "
      + "before it (hold IDs are Stripe idempotency keys)")
  void notForetold() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long gamma = (Thread.currentThread().getId() << 1) + GOLDEN_GAMMA;
    long seen = random.nextLong();
    long next = random.nextLong();
    // ThreadLocalRandom's next output follows from one output: the model must say so here.
    assumeTrue(next == mix(unmix(seen) + gamma), "this JDK's ThreadLocalRandom is another");
    long foretold = mix(unmix(next) + gamma);
    HoldKey key = HoldKey.next(7);
    assertThat(key.hi()).isNotEqualTo(foretold);
  }

  @Test
  @DisplayName("every key names its book in its last byte, is a valid hold ID and is new")
  void booksAndFormat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int book = i % HoldKey.BOOKS;
      HoldKey key = HoldKey.next(book);
      assertThat(key.book()).isEqualTo(book);
      assertThat(HoldKey.parse(key.toString())).isEqualTo(key);
      assertThat(seen.add(key.toString())).isTrue();
    }
  }

  /** ThreadLocalRandom's output function (the MurmurHash3 finalizer). */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** Its inverse: a shift by 33 undoes itself, and odd multipliers have inverses mod 2^64. */
  private static long unmix(long z) {
    z ^= z >>> 33;
    z *= inverse(0xc4ceb9fe1a85ec53L);
    z ^= z >>> 33;
    z *= inverse(0xff51afd7ed558ccdL);
    return z ^ (z >>> 33);
  }

  private static long inverse(long odd) {
    long x = odd;
    for (int i = 0; i < 6; i++) {
      x *= 2 - odd * x;
    }
    return x;
  }
}

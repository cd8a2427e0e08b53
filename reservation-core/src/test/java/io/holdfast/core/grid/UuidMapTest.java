package io.holdfast.core.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The map of holds by their 128-bit keys")
class UuidMapTest {
  private record Key(long hi, long lo) {}

  @Test
  @DisplayName("agrees with a HashMap through a long random mix of puts, gets and removes")
  void agreesWithHashMap() {
    UuidMap<Integer> map = new UuidMap<>();
    Map<Key, Integer> expected = new HashMap<>();
    Random random = new Random(42);
    for (int step = 0; step < 200_000; step++) {
      // A small key space, so removes and overwrites hit often and probe chains get long.
      Key key = new Key(random.nextInt(64), 1 + random.nextInt(512));
      switch (random.nextInt(4)) {
        case 0, 1 -> assertThat(map.put(key.hi(), key.lo(), step))
            .isEqualTo(expected.put(key, step));
        case 2 -> assertThat(map.remove(key.hi(), key.lo())).isEqualTo(expected.remove(key));
        default -> assertThat(map.get(key.hi(), key.lo())).isEqualTo(expected.get(key));
      }
      assertThat(map.size()).isEqualTo(expected.size());
    }
    Map<Key, Integer> seen = new HashMap<>();
    map.forEach((hi, lo, v) -> seen.put(new Key(hi, lo), v));
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  @DisplayName("the primitive map agrees with a HashMap too, across many growths")
  void longMapAgreesWithHashMap() {
    UuidLongMap map = new UuidLongMap(2);
    Map<Key, Long> expected = new HashMap<>();
    Random random = new Random(7);
    for (int step = 0; step < 200_000; step++) {
      Key key = new Key(random.nextInt(64), 1 + random.nextInt(1024));
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          map.put(key.hi(), key.lo(), step);
          expected.put(key, (long) step);
        }
        case 2 -> {
          map.remove(key.hi(), key.lo());
          expected.remove(key);
        }
        default -> assertThat(map.get(key.hi(), key.lo(), -1))
            .isEqualTo(expected.getOrDefault(key, -1L));
      }
      assertThat(map.size()).isEqualTo(expected.size());
    }
    map.removeIf(v -> v % 2 == 0);
    expected.values().removeIf(v -> v % 2 == 0);
    Map<Key, Long> seen = new HashMap<>();
    map.forEach((hi, lo, v) -> seen.put(new Key(hi, lo), v));
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  @DisplayName("refuses a key whose low half is 0, which marks a free slot")
  void refusesZeroLowHalf() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UuidLongMap().put(5, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("removes exactly the entries a predicate picks, however they are chained")
  void removesIf() {
    UuidMap<Long> map = new UuidMap<>();
    for (long i = 0; i < 10_000; i++) {
      map.put(i % 7, i + 1, i);
    }
    assertThat(map.removeIf(v -> v % 3 == 0)).isEqualTo(3334);
    assertThat(map.size()).isEqualTo(6666);
    for (long i = 0; i < 10_000; i++) {
      assertThat(map.get(i % 7, i + 1)).isEqualTo(i % 3 == 0 ? null : i);
    }
  }
}

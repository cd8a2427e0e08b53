package io.holdfast.core.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grid membership")
class GridConfigTest {
  @Test
  @DisplayName("two members without seeds on one box stay two grids of one, even with one name")
  void noSeedsNoJoin() {
    String name = "alone-" + UUID.randomUUID();
    HazelcastInstance first = Hazelcast.newHazelcastInstance(
        GridConfig.member(name, "127.0.0.1", 5940, List.of()));
    HazelcastInstance second = Hazelcast.newHazelcastInstance(
        GridConfig.member(name, "127.0.0.1", 5940, List.of()));
    try {
      assertThat(first.getCluster().getMembers()).hasSize(1);
      assertThat(second.getCluster().getMembers()).hasSize(1);
    } finally {
      second.shutdown();
      first.shutdown();
    }
  }
}

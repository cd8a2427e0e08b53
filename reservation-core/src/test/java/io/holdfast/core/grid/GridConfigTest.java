package io.holdfast.core.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.support.metrics.Meters;
import java.util.List;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grid membership")
class GridConfigTest {
  @Test
  @DisplayName("seeds given by host name become addresses (Hazelcast drops a named seed outside the bound interface); addresses stay, a name that does not resolve is left out")
  void seedsResolved() {
    assertThat(GridConfig.seeds(List.of("localhost:5701", "10.0.0.7:5702", " 127.0.0.1 ",
        "[::1]:5703", "::1", "no-such-member.invalid:5701")))
        .contains("127.0.0.1:5701", "10.0.0.7:5702", "127.0.0.1", "[0:0:0:0:0:0:0:1]:5703",
            "[0:0:0:0:0:0:0:1]")
        .doesNotContain("no-such-member.invalid:5701").allMatch(s -> !s.contains("localhost"));
  }

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

  @Test
  @DisplayName("members and a lite member find one another through a DNS name, as a headless Service's pods do")
  void joinByDns() {
    // "localhost" stands for the Service's name: it resolves to the first member's address, as
    // holdfast-members resolves to every member pod's. The second member takes the next port
    // (on one box), and is found the other way round: it asks, the first answers.
    String name = "dns-" + UUID.randomUUID();
    HazelcastInstance first = Hazelcast.newHazelcastInstance(GridConfig.joinByDns(
        GridConfig.member(name, "127.0.0.1", 5985, List.of()), "localhost", 5985));
    HazelcastInstance second = null;
    HazelcastInstance lite = null;
    try {
      int port = first.getCluster().getLocalMember().getAddress().getPort();
      second = Hazelcast.newHazelcastInstance(GridConfig.joinByDns(
          GridConfig.member(name, "127.0.0.1", 5985, List.of()), "localhost", port));
      lite = Hazelcast.newHazelcastInstance(GridConfig.joinByDns(GridConfig.node(name,
          "127.0.0.1", 5985, List.of(), new GridShape(true, 1, 1, 0)), "localhost", port));
      assertThat(first.getCluster().getMembers()).hasSize(3);
      assertThat(second.getCluster().getMembers()).hasSize(3);
      assertThat(first.getConfig().getNetworkConfig().getJoin().getKubernetesConfig()
          .isEnabled()).isTrue();
    } finally {
      for (HazelcastInstance instance : new HazelcastInstance[] {lite, second, first}) {
        if (instance != null) {
          instance.shutdown();
        }
      }
    }
  }

  @Test
  @DisplayName("a grid given seeds refuses a DNS name as well: Hazelcast takes one way to join")
  void seedsOrDns() {
    assertThatThrownBy(() -> GridConfig.joinByDns(GridConfig.member("both", "127.0.0.1", 5985,
        List.of("127.0.0.1:5986")), "localhost", 5985))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
  }

  @Test
  @DisplayName("edges and workers (lite members) joining and leaving migrate no partition; a member does")
  void liteMembersMigrateNothing() throws Exception {
    String name = "lite-" + UUID.randomUUID();
    List<String> seeds = List.of("127.0.0.1:5945", "127.0.0.1:5946");
    HazelcastInstance first = Hazelcast.newHazelcastInstance(
        GridConfig.member(name, "127.0.0.1", 5945, seeds));
    HazelcastInstance second = Hazelcast.newHazelcastInstance(
        GridConfig.member(name, "127.0.0.1", 5945, seeds));
    HazelcastInstance third = null;
    try {
      first.getMap(GridMaps.INVENTORY).put("warm", "up");
      // The platform's own migration counter (holdfast_grid_migrations_total) does the counting.
      Meters meters = Meters.create("member");
      GridMeters.register(meters, first);
      DoubleSupplier migrated = () -> meters.registry().find("holdfast_grid_migrations_total")
          .counters().stream().mapToDouble(c -> c.count()).sum();
      for (int i = 0; i < 2; i++) {
        HazelcastInstance edge = Hazelcast.newHazelcastInstance(GridConfig.node(name,
            "127.0.0.1", 5945, seeds, new GridShape(true, 1, 1, 0)));
        assertThat(first.getCluster().getMembers()).hasSize(3);
        edge.shutdown();
      }
      Thread.sleep(2000);
      assertThat(migrated.getAsDouble()).as("replicas migrated for lite members").isZero();

      third = Hazelcast.newHazelcastInstance(GridConfig.member(name, "127.0.0.1", 5945, seeds));
      long deadline = System.currentTimeMillis() + 30_000;
      while (migrated.getAsDouble() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(migrated.getAsDouble()).as("replicas migrated for a data member").isPositive();
    } finally {
      if (third != null) {
        third.shutdown();
      }
      second.shutdown();
      first.shutdown();
    }
  }
}

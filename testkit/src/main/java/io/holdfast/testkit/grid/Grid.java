package io.holdfast.testkit.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Members of a cluster of their own (a fresh name each time, so test classes never join each
 * other's), on 127.0.0.1 from {@code basePort} on; closing shuts down those still running.
 */
public final class Grid implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private final List<HazelcastInstance> members;

  private Grid(List<HazelcastInstance> members) {
    this.members = members;
  }

  /** One member, alone in its cluster. */
  public static Grid single(String name, int port, MemberConfig config) {
    return new Grid(List.of(Hazelcast.newHazelcastInstance(
        config.of(name + "-" + UUID.randomUUID(), HOST, port, List.of()))));
  }

  /** {@code count} members that have found each other before this returns. */
  public static Grid of(String name, int count, int basePort, MemberConfig config) {
    String cluster = name + "-" + UUID.randomUUID();
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      seeds.add(HOST + ":" + (basePort + i));
    }
    List<HazelcastInstance> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add(Hazelcast.newHazelcastInstance(config.of(cluster, HOST, basePort, seeds)));
    }
    assertThat(members.get(0).getCluster().getMembers()).hasSize(count);
    return new Grid(List.copyOf(members));
  }

  /**
   * {@code count} members started at once, for members whose start waits for each other (a
   * quorum's minimum cluster size); they have found each other when this returns.
   */
  public static Grid together(String name, int count, int basePort, MemberConfig config) {
    String cluster = name + "-" + UUID.randomUUID();
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      seeds.add(HOST + ":" + (basePort + i));
    }
    List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      starting.add(CompletableFuture.supplyAsync(() ->
          Hazelcast.newHazelcastInstance(config.of(cluster, HOST, basePort, seeds))));
    }
    List<HazelcastInstance> members = new ArrayList<>();
    for (CompletableFuture<HazelcastInstance> member : starting) {
      members.add(member.orTimeout(120, TimeUnit.SECONDS).join());
    }
    assertThat(members.get(0).getCluster().getMembers()).hasSize(count);
    return new Grid(List.copyOf(members));
  }

  public HazelcastInstance member(int index) {
    return members.get(index);
  }

  /** The first member: the one a single-member grid has. */
  public HazelcastInstance member() {
    return members.get(0);
  }

  @Override
  public void close() {
    for (HazelcastInstance member : members) {
      if (member.getLifecycleService().isRunning()) {
        member.shutdown();
      }
    }
  }
}

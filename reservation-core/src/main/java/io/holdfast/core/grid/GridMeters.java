package io.holdfast.core.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.holdfast.support.metrics.Meters;
import io.micrometer.core.instrument.Counter;

/**
 * The grid as this process sees it: how many data members it has, and the partitions it lost
 * and moved. Every process of the grid (lite members too) hears every loss and migration, so
 * each counts them all; a dashboard takes the largest over processes, not the sum. Registered
 * once per process, by the launcher.
 */
public final class GridMeters {
  private static final String MIGRATIONS = "holdfast_grid_migrations_total";
  private static final String MIGRATIONS_HELP = "Partition replicas moved between members (a "
      + "member joined or left), by whether the move completed or failed";

  private GridMeters() {}

  public static void register(Meters meters, HazelcastInstance hazelcast) {
    meters.gauge("holdfast_grid_data_members", "Members of the grid that hold data (not lite "
        + "members), as this process sees the cluster", hazelcast, h -> dataMembers(h));
    PartitionService partitions = hazelcast.getPartitionService();
    Counter lost = meters.counter("holdfast_grid_partitions_lost_total", "Partitions the grid "
        + "lost with every replica (owner and backups died together): their events close until "
        + "rebuilt from PostgreSQL");
    partitions.addPartitionLostListener(event -> lost.increment());
    Counter migrations = meters.counter(MIGRATIONS, MIGRATIONS_HELP, "result", "completed");
    Counter failed = meters.counter(MIGRATIONS, MIGRATIONS_HELP, "result", "failed");
    partitions.addMigrationListener(new MigrationListener() {
      @Override
      public void migrationStarted(MigrationState state) {}

      @Override
      public void migrationFinished(MigrationState state) {}

      @Override
      public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        migrations.increment();
      }

      @Override
      public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        failed.increment();
      }
    });
  }

  /** The grid's data members (not lite members) as this process sees them; 0 once it left. */
  public static int dataMembers(HazelcastInstance hazelcast) {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return 0;
    }
    int data = 0;
    for (Member member : hazelcast.getCluster().getMembers()) {
      if (!member.isLiteMember()) {
        data++;
      }
    }
    return data;
  }
}

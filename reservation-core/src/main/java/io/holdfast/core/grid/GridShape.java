package io.holdfast.core.grid;

/**
 * How one process takes part in the grid.
 *
 * @param lite             a lite member: in the cluster (it runs entry processors on their
 *                         owners and carries the event bus) but owns no partition, so it joining
 *                         or leaving never migrates one
 * @param quorum           data members a side of the cluster needs before it reads or writes
 *                         inventory: a minority side of a split refuses holds instead of selling
 *                         what the majority also sells (1: no protection, a grid of one)
 * @param backups          synchronous backups of every inventory entry
 * @param heartbeatSeconds how long a silent member stays in the cluster (0: Hazelcast's 60 s);
 *                         longer than a stop-the-world pause, shorter than buyers' patience
 */
public record GridShape(boolean lite, int quorum, int backups, int heartbeatSeconds) {
  /** A data member of a grid that needs no quorum, one backup, Hazelcast's heartbeat. */
  public static final GridShape SINGLE = new GridShape(false, 1, 1, 0);

  public GridShape {
    if (quorum < 1 || backups < 0 || backups > 6 || heartbeatSeconds < 0) {
      throw new IllegalArgumentException("grid quorum must be at least 1, backups 0 to 6, "
          + "the heartbeat timeout not negative");
    }
  }
}

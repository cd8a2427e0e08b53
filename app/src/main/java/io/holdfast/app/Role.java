package io.holdfast.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one process of Holdfast runs. One jar, one launcher: {@code --role} picks the part.
 * Only members hold inventory; edges and workers join the grid as lite members, which own no
 * partition, so starting or stopping them never migrates one.
 */
public enum Role {
  ALL("the whole platform in this JVM: PostgreSQL, Kafka, Redis and SMTP embedded unless given"
      + " by URL, a grid member, the core, every worker and the API (the default)"),
  MEMBER("a grid member holding inventory, its reservation core, and the rebuild of the"
      + " inventory from PostgreSQL after a cold start or a lost partition"),
  EDGE("the public API on HOLDFAST_HTTP_PORT; holds no inventory (a lite member of the grid)"),
  WORKER("payments, expiry, the outbox relay, reconciliation, housekeeping, event statuses and"
      + " mail; holds no inventory (a lite member of the grid)");

  private final String meaning;

  Role(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }

  /** The name on the command line: {@code member}, {@code edge}, ... */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this process owns partitions of the grid (members, and the one-JVM platform). */
  public boolean holdsData() {
    return this == ALL || this == MEMBER;
  }

  /** Whether this process serves the public API (and seeds the demo, when asked to). */
  public boolean servesApi() {
    return this == ALL || this == EDGE;
  }

  /** Whether this process runs the background jobs: payments, expiry, outbox, statuses... */
  public boolean runsJobs() {
    return this == ALL || this == WORKER;
  }

  /** Whether this process is one of several: its event bus must reach the others. */
  public boolean clustered() {
    return this != ALL;
  }

  public static Role parse(String name) {
    for (Role role : values()) {
      if (role.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new IllegalArgumentException("Unknown role '" + name + "'; the roles are "
        + Arrays.stream(values()).map(Role::cliName).collect(Collectors.joining(", ")));
  }
}

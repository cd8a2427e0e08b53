package io.holdfast.edge.auth;

import io.holdfast.contracts.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;

/**
 * Password hashing ({@link PasswordHashes}) on a bounded worker pool of its own, shared by the
 * edge verticles of one Vert.x: a burst of logins queues here, never in front of the default
 * worker pool's Stripe calls and Kafka sends, and at most {@link #WORKERS} hashes hold their
 * memory at once. Argon2id's costs default to OWASP's current minimum for it (19 MiB, 2 passes,
 * 1 lane); tests and benchmarks set cheap ones.
 */
public final class Passwords {
  /** Argon2id memory per hash, KiB. */
  public static final String MEMORY_KIB = "password.argon2.memoryKib";
  /** Argon2id passes over that memory. */
  public static final String PASSES = "password.argon2.passes";
  /** Argon2id lanes. */
  public static final String PARALLELISM = "password.argon2.parallelism";
  /** Threads of the hashing pool, per process. */
  public static final String WORKERS = "password.workers";
  /** The pool's name, and its threads' name prefix. */
  public static final String POOL = "holdfast-passwords";

  private final WorkerExecutor pool;
  private final PasswordHashes hashes;

  private Passwords(WorkerExecutor pool, PasswordHashes hashes) {
    this.pool = pool;
    this.hashes = hashes;
  }

  /**
   * The hashing of {@code config}'s costs on the shared pool, created on first use (and closed
   * with the verticle that created it, or with Vert.x). Refuses costs Argon2id cannot have.
   */
  public static Passwords create(Vertx vertx, JsonObject config) {
    PasswordHashes.Cost cost = new PasswordHashes.Cost(
        Settings.integer(config, MEMORY_KIB, 19 * 1024),
        Settings.integer(config, PASSES, 2),
        Settings.integer(config, PARALLELISM, 1));
    int workers = Settings.integer(config, WORKERS,
        Math.max(2, Runtime.getRuntime().availableProcessors() / 2));
    if (workers < 1) {
      throw new IllegalArgumentException("configuration " + WORKERS + " must be at least 1");
    }
    return new Passwords(vertx.createSharedWorkerExecutor(POOL, workers),
        new PasswordHashes(cost));
  }

  /** A new password's hash, to store. */
  public Future<String> hash(String password) {
    return pool.executeBlocking(() -> hashes.hash(password), false);
  }

  /**
   * Whether {@code password} is the one {@code stored} (null: no account, checked as long as a
   * real one), with the hash to store instead when the stored one is outdated.
   */
  public Future<PasswordHashes.Verdict> verify(String password, String stored) {
    return pool.executeBlocking(() -> hashes.verify(password, stored), false);
  }

  /** Lets go of this user's share of the pool (the pool closes with its last user). */
  public Future<Void> close() {
    return pool.close();
  }
}

package io.holdfast.edge.auth;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.support.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Password hashing ({@link PasswordHashes}) on a bounded worker pool of its own, shared by the
 * edge verticles of one Vert.x: a burst of logins queues here, never in front of the default
 * worker pool's Stripe calls and Kafka sends, and at most {@link #WORKERS} hashes hold their
 * memory at once. Argon2id's costs default to OWASP's current minimum for it (19 MiB, 2 passes,
 * 1 lane); tests and benchmarks set cheap ones.
 */
public final class Passwords {
  public static final Setting MEMORY_KIB = Setting.number("HOLDFAST_PASSWORD_MEMORY_KIB",
      "password.argon2.memoryKib", 19 * 1024, "Argon2id memory of a new password hash, KiB "
      + "(the default is 19 MiB); a hash of other costs is made again at the next successful "
      + "login");
  public static final Setting PASSES = Setting.number("HOLDFAST_PASSWORD_PASSES",
      "password.argon2.passes", 2, "Argon2id passes over that memory");
  public static final Setting PARALLELISM = Setting.number("HOLDFAST_PASSWORD_PARALLELISM",
      "password.argon2.parallelism", 1, "Argon2id lanes");
  /** Per process. */
  public static final Setting WORKERS = Setting.none("HOLDFAST_PASSWORD_WORKERS",
      "password.workers", "half the cores, at least 2",
      "threads that hash passwords, a pool of their own");
  /**
   * More are refused at once with a 503 {@code sign-in-busy}, rather than queued past the
   * request's deadline and worked on for nobody.
   */
  public static final Setting MAX_WAITING = Setting.number("HOLDFAST_PASSWORD_MAX_WAITING",
      "password.maxWaiting", 200, "password hashes one edge verticle has running or queued at "
      + "most; more are a 503 sign-in-busy");
  /** The pool's name, and its threads' name prefix. */
  public static final String POOL = "holdfast-passwords";

  private final WorkerExecutor pool;
  private final PasswordHashes hashes;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();

  private Passwords(WorkerExecutor pool, PasswordHashes hashes, int maxWaiting) {
    this.pool = pool;
    this.hashes = hashes;
    this.maxWaiting = maxWaiting;
  }

  /**
   * The hashing of {@code config}'s costs on the shared pool, created on first use (and closed
   * with the verticle that created it, or with Vert.x). Refuses costs Argon2id cannot have.
   */
  public static Passwords create(Vertx vertx, JsonObject config) {
    PasswordHashes.Cost cost = new PasswordHashes.Cost(
        MEMORY_KIB.integer(config),
        PASSES.integer(config),
        PARALLELISM.integer(config));
    int workers = WORKERS.integer(config,
        Math.max(2, Runtime.getRuntime().availableProcessors() / 2));
    int maxWaiting = MAX_WAITING.integer(config);
    if (workers < 1 || maxWaiting < 1) {
      throw new IllegalArgumentException("configuration " + WORKERS.key() + " and "
          + MAX_WAITING.key() + " must be at least 1");
    }
    return new Passwords(vertx.createSharedWorkerExecutor(POOL, workers),
        new PasswordHashes(cost), maxWaiting);
  }

  /** A new password's hash, to store. */
  public Future<String> hash(String password) {
    return run(() -> hashes.hash(password));
  }

  /**
   * Whether {@code password} is the one {@code stored} (null: no account, checked as long as a
   * real one), with the hash to store instead when the stored one is outdated.
   */
  public Future<PasswordHashes.Verdict> verify(String password, String stored) {
    return run(() -> hashes.verify(password, stored));
  }

  /** Whether {@code password} is the one {@code stored}; no replacement is made. */
  public Future<Boolean> matches(String password, String stored) {
    return run(() -> hashes.verify(password, stored, false).matches());
  }

  private <T> Future<T> run(Callable<T> work) {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return Future.failedFuture(Problem.of(503, "sign-in-busy", "Try again",
              "Too many passwords are being checked just now; nothing was done")
          .with("retryAfterSeconds", 1).toException());
    }
    return pool.executeBlocking(work, false).andThen(done -> waiting.decrementAndGet());
  }

  /** Lets go of this user's share of the pool (the pool closes with its last user). */
  public Future<Void> close() {
    return pool.close();
  }
}

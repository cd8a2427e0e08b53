package io.holdfast.support.jobs;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A place in a verticle's loop where a test can stop it dead, the way a killed process stops:
 * once armed, the next pass through the place ends the loop at once and leaves undone what a
 * crash would leave undone (offsets not committed, a transaction rolled back). Production
 * deploys with {@link #never()}; only tests arm one. It exists because "exactly once after a
 * crash" cannot be proven by re-sending messages: the crash must happen at the worst moment.
 */
public final class KillSwitch {
  private final AtomicBoolean armed = new AtomicBoolean();
  private final Promise<Void> fired = Promise.promise();

  /** A switch that nobody arms: what production code passes. */
  public static KillSwitch never() {
    return new KillSwitch();
  }

  /** The next pass through the place kills the verticle; one kill per arming. */
  public KillSwitch arm() {
    armed.set(true);
    return this;
  }

  /** Completes when the switch killed its verticle. */
  public Future<Void> fired() {
    return fired.future();
  }

  /** Called at the place: true (once) when the verticle is to die here. */
  public boolean fire() {
    if (!armed.compareAndSet(true, false)) {
      return false;
    }
    fired.tryComplete();
    return true;
  }
}

package io.holdfast.support.log;

import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A warning that an outage would otherwise write once per request or per item: written at most
 * once per interval, saying how many times it was held back since the last one. One per
 * verticle, used on its event loop only.
 */
public final class QuietWarning {
  private static final long INTERVAL_MILLIS = 10_000;
  private final Logger log;
  private final String what;
  private long quietUntil;
  private long heldBack;

  /** {@code what}: the message, up to the cause, e.g. "Rate limits cannot be checked". */
  public QuietWarning(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  public void warn(Throwable cause) {
    warn(cause, null);
  }

  /**
   * Like {@link #warn(Throwable)}, with a message naming this occurrence ("Could not expire
   * hold ..."); made only when the warning is written, so an outage costs no strings.
   */
  public void warn(Throwable cause, Supplier<String> message) {
    long now = System.currentTimeMillis();
    if (now >= quietUntil) {
      log.warn("{} ({} more times since the last report): {}",
          message == null ? what : message.get(), heldBack, cause.toString());
      heldBack = 0;
      quietUntil = now + INTERVAL_MILLIS;
    } else {
      heldBack++;
    }
  }
}

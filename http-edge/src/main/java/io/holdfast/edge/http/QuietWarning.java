package io.holdfast.edge.http;

import org.slf4j.Logger;

/**
 * A warning that an outage would otherwise write once per request: written at most once per
 * interval, saying how many times it was held back since the last one. One per verticle, used
 * on its event loop only.
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
    long now = System.currentTimeMillis();
    if (now >= quietUntil) {
      log.warn("{} ({} more times since the last report): {}", what, heldBack, cause.toString());
      heldBack = 0;
      quietUntil = now + INTERVAL_MILLIS;
    } else {
      heldBack++;
    }
  }
}

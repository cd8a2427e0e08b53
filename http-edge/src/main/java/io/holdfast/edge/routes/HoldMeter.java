package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.http.Responses;
import io.holdfast.support.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The hold route's answers: {@code holdfast_holds_total{outcome}} and the time from the route's
 * call to its answer, {@code holdfast_hold_seconds}. Every meter is made once, when the edge
 * verticle starts; a hold costs two clock reads, a counter and the timer's record, and builds
 * nothing (no tags, no lookups): this is on the hot path, whose budget is 3%
 * (BENCHMARKS.md).
 *
 * <p>Outcomes: {@code granted} (201, a replay too), {@code sold_out} (the inventory had not
 * enough: sold-out, the named seats taken, no seats together), {@code unavailable} (503: the
 * core, the grid or Redis away, an event being rebuilt, a deadline), {@code error} (any other
 * 5xx), and {@code refused} (any other 4xx: a rule said no, such as the buyer's limit, the sales
 * window, a bad quantity, a budget).
 */
public final class HoldMeter implements Responses.Answered {
  /** From half a millisecond, a hold on a quiet grid, to a second, far past the target. */
  static final Duration[] BUCKETS = {Duration.ofNanos(500_000), Duration.ofMillis(1),
      Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};
  private static final String HOLDS = "holdfast_holds_total";
  private static final String HOLDS_HELP = "Hold requests answered by this process's edge, by "
      + "outcome: granted, sold_out, refused (a rule or limit), unavailable (503), error";

  private final Timer seconds;
  private final Counter granted;
  private final Counter soldOut;
  private final Counter refused;
  private final Counter unavailable;
  private final Counter error;
  private final Limits limits;

  /** {@code limits}: where the active-hold cap's refusals (the core's) are counted. */
  public HoldMeter(Meters meters, Limits limits) {
    this.limits = limits;
    seconds = meters.timer("holdfast_hold_seconds", "Time from a hold request's route to its "
        + "answer at the edge, whatever the outcome", BUCKETS);
    granted = meters.counter(HOLDS, HOLDS_HELP, "outcome", "granted");
    soldOut = meters.counter(HOLDS, HOLDS_HELP, "outcome", "sold_out");
    refused = meters.counter(HOLDS, HOLDS_HELP, "outcome", "refused");
    unavailable = meters.counter(HOLDS, HOLDS_HELP, "outcome", "unavailable");
    error = meters.counter(HOLDS, HOLDS_HELP, "outcome", "error");
  }

  @Override
  public void answered(RoutingContext ctx, Throwable failure, long beganNanos) {
    seconds.record(System.nanoTime() - beganNanos, TimeUnit.NANOSECONDS);
    outcome(ctx.response().getStatusCode(), failure).increment();
  }

  private Counter outcome(int status, Throwable failure) {
    if (status < 300) {
      return granted;
    }
    if (status == 503) {
      return unavailable;
    }
    if (status >= 500) {
      return error;
    }
    String slug = failure != null && BusProblems.unwrap(failure) instanceof ProblemException pe
        ? pe.problem().slug() : "";
    switch (slug) {
      case "sold-out", "seats-unavailable", "no-adjacent-seats" -> {
        return soldOut;
      }
      case "too-many-holds" -> limits.refusedActiveHolds();
      default -> { }
    }
    return refused;
  }
}

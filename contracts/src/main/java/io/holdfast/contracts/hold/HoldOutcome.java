package io.holdfast.contracts.hold;

import io.holdfast.contracts.problem.Problem;

/** What became of one request of a batch: a grant, or the problem that refused it. */
public record HoldOutcome(HoldGrant grant, Problem problem) {
  public static HoldOutcome granted(HoldGrant grant) {
    return new HoldOutcome(grant, null);
  }

  public static HoldOutcome refused(Problem problem) {
    return new HoldOutcome(null, problem);
  }
}

package io.holdfast.contracts.hold;

import java.util.List;

/**
 * The holds one caller's event loop gathered in one turn, sent to the core as one event-bus
 * message; the core answers one {@link Outcomes} with an outcome per request, in order.
 */
public record HoldBatch(List<HoldRequest> requests) {
  /** The answer to a batch: {@code outcomes.get(i)} answers {@code requests.get(i)}. */
  public record Outcomes(List<HoldOutcome> outcomes) {}
}

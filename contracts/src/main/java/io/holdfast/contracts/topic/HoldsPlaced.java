package io.holdfast.contracts.topic;

import java.util.List;

/**
 * A record of the {@code holds} topic: the holds of one event placed in one window, all lapsing
 * by {@code expiresAt} (epoch ms). Read by the expiry-worker; written and read by
 * {@link HoldsTopic}.
 */
public record HoldsPlaced(String eventId, long expiresAt, List<String> holdIds) {
  public HoldsPlaced {
    holdIds = List.copyOf(holdIds);
  }
}

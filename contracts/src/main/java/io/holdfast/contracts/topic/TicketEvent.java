package io.holdfast.contracts.topic;

import java.util.UUID;

/**
 * A record of the {@code tickets} topic, written to the outbox with the change. Written and
 * read by {@link TicketsTopic}.
 */
public sealed interface TicketEvent {
  UUID ticketId();

  UUID eventId();

  /**
   * The ticket went from {@code fromUserId} to {@code toUserId}; {@code version} is its new
   * version (the one before is revoked).
   */
  record Transferred(UUID ticketId, UUID eventId, int version, UUID fromUserId, UUID toUserId)
      implements TicketEvent {}
}

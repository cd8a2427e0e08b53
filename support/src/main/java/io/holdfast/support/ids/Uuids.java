package io.holdfast.support.ids;

import java.util.UUID;

/** Reading IDs that come from outside (paths, bodies): a bad one is an answer, not an exception. */
public final class Uuids {
  private static final int CANONICAL_LENGTH = 36;

  private Uuids() {}

  /**
   * The UUID written in {@code raw}, or null when it is not one or not 36 characters long:
   * {@link UUID#fromString} alone also takes short forms such as {@code 1-2-3-4-5}, which would
   * name an ID under a text that is not its own.
   */
  public static UUID parse(String raw) {
    if (raw == null || raw.length() != CANONICAL_LENGTH) {
      return null;
    }
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

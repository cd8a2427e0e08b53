package io.holdfast.ledger.ticket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a ticket's code says, as the compact binary record its signature covers (format 1,
 * big-endian, docs/tickets.md):
 *
 * <pre>
 * 1  format (1)
 * 16 ticket UUID        16 event UUID
 * 4  ticket version     4  slot
 * 1  section ID length n, then n bytes of UTF-8
 * 1  seat label length m (0: no seat), then m bytes of UTF-8
 * </pre>
 *
 * Reading is strict: an unknown format, a length past the end or bytes left over is malformed.
 */
public record CodePayload(UUID ticketId, UUID eventId, int version, String sectionId, int slot,
    String seat) {
  static final byte FORMAT = 1;
  private static final int FIXED = 1 + 16 + 16 + 4 + 4 + 1 + 1;

  public byte[] encode() {
    byte[] section = sectionId.getBytes(StandardCharsets.UTF_8);
    byte[] seatBytes = seat == null ? new byte[0] : seat.getBytes(StandardCharsets.UTF_8);
    if (section.length > 255 || seatBytes.length > 255) {
      throw new IllegalArgumentException("a section ID or seat label longer than 255 bytes");
    }
    ByteBuffer b = ByteBuffer.allocate(FIXED + section.length + seatBytes.length);
    b.put(FORMAT);
    uuid(b, ticketId);
    uuid(b, eventId);
    b.putInt(version).putInt(slot);
    b.put((byte) section.length).put(section);
    b.put((byte) seatBytes.length).put(seatBytes);
    return b.array();
  }

  /** The payload these bytes encode, or null when they are not a payload of a known format. */
  public static CodePayload decode(byte[] bytes) {
    if (bytes.length < FIXED || bytes[0] != FORMAT) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    UUID ticket = new UUID(b.getLong(), b.getLong());
    UUID event = new UUID(b.getLong(), b.getLong());
    int version = b.getInt();
    int slot = b.getInt();
    String section = text(b);
    if (section == null || section.isEmpty() || b.remaining() < 1) {
      return null;
    }
    String seat = text(b);
    if (seat == null || b.hasRemaining() || version < 1 || slot < 0) {
      return null;
    }
    return new CodePayload(ticket, event, version, section, slot, seat.isEmpty() ? null : seat);
  }

  private static String text(ByteBuffer b) {
    int length = b.get() & 0xff;
    if (b.remaining() < length) {
      return null;
    }
    byte[] bytes = new byte[length];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void uuid(ByteBuffer b, UUID id) {
    b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
  }
}

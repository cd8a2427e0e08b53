package io.holdfast.core.event;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.contracts.core.LoadEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a reserved section: row r has the seats numbered 1 to {@code rowStarts[r + 1] -
 * rowStarts[r]}, whose slots are {@code rowStarts[r]} onwards. Row 0 is the best row. Seat IDs
 * are {@code SECTION-ROW-NUMBER}; the edge has already checked that labels are unique letters and
 * digits, so an ID has exactly two hyphens.
 */
public final class SeatLayout {
  private final String sectionId;
  private final String[] labels;
  private final int[] rowStarts;
  private final Map<String, Integer> rowOf;

  public SeatLayout(String sectionId, String[] labels, int[] seatsPerRow) {
    this.sectionId = sectionId;
    this.labels = labels;
    this.rowStarts = new int[labels.length + 1];
    this.rowOf = new HashMap<>(labels.length * 2);
    for (int r = 0; r < labels.length; r++) {
      rowStarts[r + 1] = rowStarts[r] + seatsPerRow[r];
      rowOf.put(labels[r], r);
    }
  }

  static SeatLayout from(String sectionId, List<LoadEvent.Row> rows) {
    String[] labels = new String[rows.size()];
    int[] seats = new int[rows.size()];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = rows.get(r).label();
      seats[r] = rows.get(r).seats();
    }
    return new SeatLayout(sectionId, labels, seats);
  }

  public int seats() {
    return rowStarts[labels.length];
  }

  public int rows() {
    return labels.length;
  }

  public String label(int row) {
    return labels[row];
  }

  /** The first slot of each row, then the section's seat count: what a shard needs to choose. */
  public int[] rowStarts() {
    return rowStarts.clone();
  }

  public int rowStart(int row) {
    return rowStarts[row];
  }

  /** The ID of the seat in {@code slot}. */
  public String seatId(int slot) {
    int lo = 0;
    int hi = labels.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (rowStarts[mid] <= slot) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return sectionId + '-' + labels[lo] + '-' + (slot - rowStarts[lo] + 1);
  }

  /** The slot of seat {@code row}-{@code number} of this section, or -1 when there is none. */
  public int slotOf(String row, String number) {
    Integer r = rowOf.get(row);
    if (r == null || number.isEmpty() || number.length() > 4 || number.charAt(0) == '0') {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n >= 1 && n <= rowStarts[r + 1] - rowStarts[r] ? rowStarts[r] + n - 1 : -1;
  }

  void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(labels.length);
    for (int r = 0; r < labels.length; r++) {
      out.writeString(labels[r]);
      out.writeInt(rowStarts[r + 1] - rowStarts[r]);
    }
  }

  static SeatLayout read(String sectionId, ObjectDataInput in) throws IOException {
    int n = in.readInt();
    String[] labels = new String[n];
    int[] seats = new int[n];
    for (int r = 0; r < n; r++) {
      labels[r] = in.readString();
      seats[r] = in.readInt();
    }
    return new SeatLayout(sectionId, labels, seats);
  }
}

package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Takes seats of reserved sections for many holds in one visit to an inventory entry. Hold
 * {@code i} asks, in section {@code sections[i]}, either exactly the seats {@code seats[i]}, or
 * ({@code seats[i]} null) the best {@code quantities[i]} seats, side by side when
 * {@code together[i]}. Answers per hold what {@link SeatShard} answers: the seats, or a refusal.
 */
public final class TakeSeats extends HoldsProcessor<int[][]> {
  private int[][] seats;
  private int[] quantities;
  private boolean[] together;
  private long expiresAt;

  public TakeSeats() {}

  public TakeSeats(int[] sections, long[] his, long[] los, int[][] seats, int[] quantities,
      boolean[] together, long expiresAt, long now) {
    super(sections, his, los, now);
    this.seats = seats;
    this.quantities = quantities;
    this.together = together;
    this.expiresAt = expiresAt;
  }

  @Override
  int[][] apply(EventShard shard) {
    int[][] answers = new int[his.length][];
    for (int i = 0; i < his.length; i++) {
      if (!(shard.section(sections[i]) instanceof SeatShard s)) {
        answers[i] = new int[] {SeatShard.FAILED, SeatShard.TOO_FEW};
      } else if (seats[i] != null) {
        answers[i] = s.takeExact(his[i], los[i], seats[i], expiresAt, now);
      } else {
        answers[i] = s.takeBest(his[i], los[i], quantities[i], together[i], expiresAt, now);
      }
    }
    return answers;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.TAKE_SEATS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeIntArray(quantities);
    out.writeBooleanArray(together);
    out.writeLong(expiresAt);
    for (int[] s : seats) {
      out.writeIntArray(s);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    quantities = in.readIntArray();
    together = in.readBooleanArray();
    expiresAt = in.readLong();
    seats = new int[his.length][];
    for (int i = 0; i < seats.length; i++) {
      seats[i] = in.readIntArray();
    }
  }
}

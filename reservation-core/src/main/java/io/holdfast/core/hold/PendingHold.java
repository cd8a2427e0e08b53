package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldKey;

import io.holdfast.contracts.hold.HoldBatch;
import io.holdfast.contracts.hold.HoldOutcome;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.ReleaseSlots;
import io.holdfast.support.log.LogFields;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One hold request on its way through a batch of the {@link HoldBatcher}. */
final class PendingHold {
  private static final Logger LOG = LoggerFactory.getLogger(PendingHold.class);
  final HoldRequest request;
  final HoldKey key;
  final int book;
  /** Asked for an ID that cannot be this buyer's hold: refused, not renamed. */
  final boolean misnamed;
  private final Answers answers;
  private final int index;
  /** The section asked for (for exact seats, the first seat's), once the hold is valid. */
  EventInfo.Section section;
  /** Exact seats asked for in one section: the section and the seats' slots there. */
  record SeatPart(EventInfo.Section section, int[] slots) {}

  /** Exact seats: one part per section asked; null for best available and GA. */
  List<SeatPart> seatParts;
  /** The parts taken so far: entry, section index, count, three ints a part. */
  private int[] parts = new int[3];
  int partCount;
  /** A reserved hold's seats taken so far, part after part. */
  private int[] seats;
  private int seatCount;
  int got;

  PendingHold(HoldRequest request, Answers answers, int index) {
    this.request = request;
    this.answers = answers;
    this.index = index;
    this.book = HoldKey.bookOf(request.eventId(), request.buyerId());
    HoldKey named = request.holdId() == null ? null : HoldKey.parse(request.holdId());
    // An ID from elsewhere must name this buyer's book, or the hold could not be found again.
    this.key = named != null && named.book() == book ? named : HoldKey.next(book);
    this.misnamed = request.holdId() != null && key != named;
  }

  boolean covered() {
    return got == request.quantity();
  }

  boolean reserved() {
    return section.reserved();
  }

  /** {@code n} general-admission tickets of the hold's section, in inventory entry {@code entry}. */
  void took(int entry, int n) {
    if (n > 0) {
      addPart(entry, section.index(), n);
    }
  }

  /** Seats of section {@code s}, in its entry. */
  void tookSeats(EventInfo.Section s, int[] taken) {
    addPart(s.firstEntry(), s.index(), taken.length);
    if (seats == null) {
      seats = new int[request.quantity()];
    }
    System.arraycopy(taken, 0, seats, seatCount, taken.length);
    seatCount += taken.length;
  }

  private void addPart(int entry, int sectionIndex, int n) {
    if (3 * partCount == parts.length) {
      parts = Arrays.copyOf(parts, parts.length * 2);
    }
    parts[3 * partCount] = entry;
    parts[3 * partCount + 1] = sectionIndex;
    parts[3 * partCount + 2] = n;
    partCount++;
    got += n;
  }

  int entryOf(int part) {
    return parts[3 * part];
  }

  int sectionOf(int part) {
    return parts[3 * part + 1];
  }

  /** Where the hold's tickets are (see {@link HoldRecord#placement}). */
  int[] placement() {
    return Arrays.copyOf(parts, 3 * partCount);
  }

  int[] seats() {
    return seats == null ? null : Arrays.copyOf(seats, seatCount);
  }

  /** Frees what the hold took; a failure only delays the slots until the hold lapses. */
  Future<?> giveBack(Grid grid, String eventId) {
    List<Future<Integer>> undo = new ArrayList<>(partCount);
    for (int i = 0; i < partCount; i++) {
      undo.add(grid.onShard(GridMaps.shardKey(eventId, entryOf(i)),
          new ReleaseSlots(sectionOf(i), key.hi(), key.lo())));
    }
    return Future.join(undo).onFailure(t -> LogFields.requestId(LOG.atWarn(),
        request.requestId()).setCause(t).log("Could not give back the slots of hold {} of "
        + "event {}; they are free again when it lapses", key, eventId));
  }

  /**
   * A refusal is an answer, not a fault: at debug only, with the request that asked (a
   * sell-out refuses thousands a second).
   */
  void refuse(Problem problem) {
    if (LOG.isDebugEnabled() && !answered()) {
      LogFields.requestId(LOG.atDebug(), request.requestId()).log("Hold {} of event {} "
          + "refused: {} {}", key, request.eventId(), problem.status(), problem.slug());
    }
    answers.answer(index, HoldOutcome.refused(problem));
  }

  void grant(HoldOutcome outcome) {
    answers.answer(index, outcome);
  }

  boolean answered() {
    return answers.has(index);
  }

  /** The answers to one {@link HoldBatch}: handed over once every request has one. */
  static final class Answers {
    private final HoldOutcome[] outcomes;
    private final Consumer<HoldBatch.Outcomes> done;
    private int left;

    Answers(int size, Consumer<HoldBatch.Outcomes> done) {
      this.outcomes = new HoldOutcome[size];
      this.done = done;
      this.left = size;
    }

    void answer(int index, HoldOutcome outcome) {
      if (outcomes[index] != null) {
        return;
      }
      outcomes[index] = outcome;
      if (--left == 0) {
        done.accept(new HoldBatch.Outcomes(Arrays.asList(outcomes)));
      }
    }

    boolean has(int index) {
      return outcomes[index] != null;
    }
  }
}

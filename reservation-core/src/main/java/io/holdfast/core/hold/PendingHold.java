package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldKey;

import io.holdfast.contracts.hold.HoldBatch;
import io.holdfast.contracts.hold.HoldOutcome;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.core.event.EventInfo;
import java.util.Arrays;
import java.util.function.Consumer;

/** One hold request on its way through a batch of the {@link HoldBatcher}. */
final class PendingHold {
  final HoldRequest request;
  final HoldKey key;
  final int book;
  /** Asked for an ID that cannot be this buyer's hold: refused, not renamed. */
  final boolean misnamed;
  private final Answers answers;
  private final int index;
  /** The section asked for, once the hold passed validation. */
  EventInfo.Section section;
  /** The shards that gave slots, and how many each: filled while taking. */
  int[] shards = new int[1];
  int[] counts = new int[1];
  int shardCount;
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

  void took(int shard, int n) {
    if (n == 0) {
      return;
    }
    if (shardCount == shards.length) {
      shards = Arrays.copyOf(shards, shardCount * 2);
      counts = Arrays.copyOf(counts, shardCount * 2);
    }
    shards[shardCount] = shard;
    counts[shardCount] = n;
    shardCount++;
    got += n;
  }

  /** Where the hold's tickets are: shard, count, shard, count, ... */
  int[] placement() {
    int[] placement = new int[shardCount * 2];
    for (int i = 0; i < shardCount; i++) {
      placement[2 * i] = shards[i];
      placement[2 * i + 1] = counts[i];
    }
    return placement;
  }

  void refuse(Problem problem) {
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

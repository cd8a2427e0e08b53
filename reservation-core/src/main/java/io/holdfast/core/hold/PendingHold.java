package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldBatch;
import io.holdfast.contracts.hold.HoldOutcome;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.Problem;
import java.util.Arrays;
import java.util.function.Consumer;

/** One hold request on its way through a batch of the {@link HoldBatcher}. */
final class PendingHold {
  final HoldRequest request;
  final HoldKey key;
  final int book;
  private final Answers answers;
  private final int index;
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
    this.key = HoldKey.next(book);
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

  int[] usedShards() {
    return Arrays.copyOf(shards, shardCount);
  }

  int[] usedCounts() {
    return Arrays.copyOf(counts, shardCount);
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

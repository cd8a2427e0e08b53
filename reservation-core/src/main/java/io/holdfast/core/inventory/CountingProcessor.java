package io.holdfast.core.inventory;

/** A {@link HoldsProcessor} that answers one count per hold (0 where its section has no shard). */
abstract class CountingProcessor extends HoldsProcessor<int[]> {
  CountingProcessor() {}

  CountingProcessor(int[] sections, long[] his, long[] los, long now) {
    super(sections, his, los, now);
  }

  @Override
  final int[] apply(EventShard shard) {
    int[] answers = new int[his.length];
    for (int i = 0; i < his.length; i++) {
      GaShard ga = shard.section(sections[i]);
      answers[i] = ga == null ? 0 : apply(ga, i);
    }
    return answers;
  }

  /** What hold {@code i} does in its section's shard here. */
  abstract int apply(GaShard shard, int i);
}

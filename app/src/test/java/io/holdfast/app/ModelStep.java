package io.holdfast.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One call of a model-based run, as data, so a failing run can be replayed and shortened. It
 * names the model's objects by their place in the run (event 2, buyer 4, hold 17); a step whose
 * objects do not exist in a shortened replay is skipped.
 */
record ModelStep(Kind kind, int event, int buyer, int hold, int n) {
  enum Kind {
    NEW_EVENT(2), EDIT(3), PUBLISH(4), CANCEL(1),
    HOLD_GA(24), HOLD_SEATS(12), HOLD_BEST(10), RETRY_HOLD(3),
    RELEASE(8), LAPSE(2), CHECKOUT(10), PAY(10), DECLINE(3), REFUND(4), COLD_RESTART(1),
    STRIPE_CHECKOUT(6), STRIPE_EVENT(8), STRIPE_DELIVER(8);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** The number of events, buyers and holds a run has at most. */
  static final int EVENTS = 6;
  static final int BUYERS = 6;
  /**
   * A step names a hold by how recent it is (0: the newest), among the last this many: later
   * steps mostly touch recent holds, which is where releases, payments and refunds meet.
   */
  static final int RECENT = 12;

  /** {@code count} random steps from {@code seed}: the same seed, the same steps. */
  static List<ModelStep> random(long seed, int count) {
    Random random = new Random(seed);
    int total = 0;
    for (Kind k : Kind.values()) {
      total += k.weight;
    }
    List<ModelStep> steps = new ArrayList<>(count);
    // Every run starts with two events on sale, so the first steps have something to do.
    steps.add(new ModelStep(Kind.NEW_EVENT, 0, 0, 0, 1));
    steps.add(new ModelStep(Kind.NEW_EVENT, 1, 0, 0, 2));
    while (steps.size() < count) {
      int pick = random.nextInt(total);
      Kind kind = null;
      for (Kind k : Kind.values()) {
        pick -= k.weight;
        if (pick < 0) {
          kind = k;
          break;
        }
      }
      steps.add(new ModelStep(kind, random.nextInt(EVENTS), random.nextInt(BUYERS),
          random.nextInt(RECENT), random.nextInt(1 << 16)));
    }
    return steps;
  }

  @Override
  public String toString() {
    return kind + "(event " + event + ", buyer " + buyer + ", hold " + hold + ", n " + n + ")";
  }
}

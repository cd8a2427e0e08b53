package io.holdfast.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-based test: buyers and an organizer make long random sequences of legal calls
 * against the real platform (holds of every kind, releases, lapses, checkouts, payments that
 * succeed or are declined, refunds, edits, publishes, cancels, cold restarts of the grid), and
 * {@link ModelRun} checks every answer against {@link RulesModel} and the rules after every
 * step. Seeded: a failure names its seed and the shortest sequence of steps found that still
 * fails. {@code scripts/model-check} runs it with random seeds for as long as it is given.
 *
 * <p>System properties: {@value #SEED} (a number, or {@code random}), {@value #STEPS} (steps a
 * run), {@value #MINUTES} (0: one run; more: runs with new seeds until the time is up) and
 * {@value #SHRINK_SECONDS} (how long a failure may be shortened).
 */
@DisplayName("The rules hold whatever order people call in")
class ModelRulesTest extends OrganizerTestBase {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRulesTest.class);
  static final String SEED = "holdfast.model.seed";
  static final String STEPS = "holdfast.model.steps";
  static final String MINUTES = "holdfast.model.minutes";
  static final String SHRINK_SECONDS = "holdfast.model.shrinkSeconds";
  private static final long FIXED_SEED = 13;
  /** Steps between two checks that wait for everything to settle. */
  private static final int SETTLE_EVERY = 100;

  /** Where a run broke (the index of the step), why, and the steps that had something to do. */
  private record Failure(int step, Throwable cause, List<ModelStep> ran) {}

  @Test
  @DisplayName("2,000 random calls of buyers, an organizer and the payment provider from a "
      + "fixed seed break no rule")
  void randomSequences() {
    String seedSetting = System.getProperty(SEED, String.valueOf(FIXED_SEED));
    int steps = Integer.getInteger(STEPS, 2_000);
    long minutes = Long.getLong(MINUTES, 0L);
    long deadline = System.nanoTime() + minutes * 60_000_000_000L;
    int runs = 0;
    do {
      long seed = "random".equals(seedSetting) ? ThreadLocalRandom.current().nextLong()
          : Long.parseLong(seedSetting) + runs;
      LOG.info("Model run {}: seed {}, {} steps", runs + 1, seed, steps);
      List<ModelStep> sequence = ModelStep.random(seed, steps);
      // A long check stops at its time, in the middle of a run if need be.
      Failure failure = run(sequence, minutes > 0 ? deadline : Long.MAX_VALUE);
      if (failure != null) {
        throw new AssertionError(report(seed, sequence, failure), failure.cause());
      }
      runs++;
    } while (System.nanoTime() < deadline);
    LOG.info("Model runs done: {} run(s) of {} steps, no rule broken", runs, steps);
  }

  /**
   * Runs the steps on new events and buyers, until {@code deadline} (a {@code nanoTime});
   * answers the first failure, or null. Progress is logged unless it is a shortening try
   * ({@code deadline} 0: no deadline).
   */
  private Failure run(List<ModelStep> steps, long deadline) {
    boolean log = deadline != 0;
    ModelRun run = new ModelRun(api);
    List<ModelStep> ran = new ArrayList<>();
    for (int i = 0; i < steps.size() && (!log || System.nanoTime() < deadline); i++) {
      try {
        if (run.run(steps.get(i))) {
          ran.add(steps.get(i));
        }
        if ((i + 1) % SETTLE_EVERY == 0) {
          run.settleAndCheck();
        }
      } catch (AssertionError | RuntimeException e) {
        ran.add(steps.get(i));
        run.close();
        return new Failure(i, e, ran);
      }
      if (log && (i + 1) % 500 == 0) {
        LOG.info("Model run: {} of {} steps done ({} had something to do)", i + 1,
            steps.size(), ran.size());
      }
    }
    try {
      run.settleAndCheck();
    } catch (AssertionError | RuntimeException e) {
      return new Failure(steps.size() - 1, e, ran);
    } finally {
      run.close();
    }
    return null;
  }

  /** What broke, without the numbers and IDs that differ from run to run. */
  private static String kind(Failure f) {
    String message = String.valueOf(f.cause().getMessage());
    int colon = message.indexOf(':');
    return f.cause().getClass().getName() + " " + (colon < 0 ? message : message.substring(0,
        colon)).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID").replaceAll("[0-9]+", "N");
  }

  /**
   * The seed, what broke, and the shortest sequence found that still breaks it the same way,
   * by leaving out ever smaller chunks of steps (each try a fresh run; bounded in time).
   */
  private String report(long seed, List<ModelStep> sequence, Failure failure) {
    List<ModelStep> shortest = new ArrayList<>(sequence.subList(0, failure.step() + 1));
    // Steps that had nothing to do change nothing: try without them first.
    Failure busy = run(failure.ran(), 0);
    if (busy != null && kind(busy).equals(kind(failure))) {
      shortest = new ArrayList<>(failure.ran().subList(0, busy.step() + 1));
    }
    long until = System.nanoTime() + Long.getLong(SHRINK_SECONDS, 180L) * 1_000_000_000L;
    int chunks = 2;
    while (shortest.size() > 1 && System.nanoTime() < until) {
      int size = Math.max(1, shortest.size() / chunks);
      boolean shorter = false;
      for (int from = 0; from < shortest.size() && System.nanoTime() < until; from += size) {
        List<ModelStep> candidate = new ArrayList<>(shortest.subList(0, from));
        candidate.addAll(shortest.subList(Math.min(shortest.size(), from + size),
            shortest.size()));
        Failure f = candidate.isEmpty() ? null : run(candidate, 0);
        if (f != null && kind(f).equals(kind(failure))) {
          shortest = new ArrayList<>(candidate.subList(0, f.step() + 1));
          chunks = Math.max(chunks - 1, 2);
          shorter = true;
          break;
        }
      }
      if (!shorter) {
        if (size == 1) {
          break;
        }
        chunks = Math.min(chunks * 2, shortest.size());
      }
    }
    StringBuilder text = new StringBuilder("Model run with seed " + seed + " ("
        + SEED + "=" + seed + ") broke a rule at step " + (failure.step() + 1) + " of "
        + sequence.size() + ": " + failure.cause().getMessage() + "\nShortest failing "
        + "sequence found (" + shortest.size() + " steps):");
    for (int i = 0; i < shortest.size(); i++) {
      text.append("\n  ").append(i + 1).append(". ").append(shortest.get(i));
    }
    return text.toString();
  }
}

package io.holdfast.contracts.problem;

/** Carries a {@link Problem} through a failed future; no stack trace, it is an answer, not a bug. */
public final class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.slug() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}

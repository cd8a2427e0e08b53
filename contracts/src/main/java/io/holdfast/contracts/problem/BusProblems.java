package io.holdfast.contracts.problem;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Problems across the event bus: the failure code is the HTTP status, the message the JSON. */
public final class BusProblems {
  private BusProblems() {}

  public static void fail(Message<?> message, Problem problem) {
    message.fail(problem.status(), problem.toJson().encode());
  }

  /** Answers a request with the failure of a future: a problem as itself, anything else as 500. */
  public static void reply(Message<?> message, Throwable failure) {
    if (failure instanceof ProblemException pe) {
      fail(message, pe.problem());
    } else {
      message.fail(500, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
  }

  /**
   * Turns a reply failure back into a {@link ProblemException} when it carries one: a refusal
   * (4xx) or a problem the core chose to answer (a 503 to retry, e.g. during a rebuild).
   */
  public static Throwable unwrap(Throwable failure) {
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() >= 400 && re.failureCode() < 600 && re.getMessage() != null
        && re.getMessage().startsWith("{")) {
      try {
        return Problem.fromJson(new JsonObject(re.getMessage())).toException();
      } catch (DecodeException e) {
        return failure;
      }
    }
    return failure;
  }

  public static <T> Future<T> unwrapped(Future<T> future) {
    return future.recover(t -> Future.failedFuture(unwrap(t)));
  }
}

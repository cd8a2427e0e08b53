package io.holdfast.app;

/** A rule broken, or an answer the model does not allow, at some step of a model-based run. */
final class ModelViolation extends AssertionError {
  ModelViolation(String message) {
    super(message);
  }
}

package io.holdfast.contracts.problem;

/** The problem types shared by more than one module. */
public final class Problems {
  private Problems() {}

  public static Problem notFound(String what) {
    return Problem.of(404, "not-found", "Not found", what + " was not found");
  }

  public static Problem invalid(String detail) {
    return Problem.of(422, "validation", "Invalid request", detail);
  }

  public static Problem soldOut(String sectionId) {
    return Problem.of(409, "sold-out", "Sold out",
        "Not enough tickets are left in section " + sectionId);
  }

  public static Problem salesClosed() {
    return Problem.of(403, "sales-closed", "Sales closed", "The event is not on sale now");
  }

  public static Problem purchaseLimit(int max, int remaining) {
    return Problem.of(429, "purchase-limit", "Purchase limit reached",
            "At most " + max + " tickets per buyer for this event; " + remaining + " left")
        .with("maxPerBuyer", max).with("remaining", remaining);
  }

  /**
   * A holder at its cap of active holds for an event: {@code retrySeconds} until its oldest
   * lapses (sooner if it pays for or releases one).
   */
  public static Problem tooManyHolds(int max, long retrySeconds) {
    return Problem.of(429, "too-many-holds", "Too many active holds",
            "A buyer may have " + max + " active holds of an event at once; pay for one or "
                + "release one, or wait until the oldest lapses")
        .with("maxActiveHolds", max).with("retryAfterSeconds", Math.max(1, retrySeconds));
  }

  /**
   * The grid lost part of an event's inventory (a member failure beyond its backups): nothing
   * of it is sold until it is rebuilt from PostgreSQL, which takes seconds. Safe to retry.
   */
  public static Problem inventoryRebuilding(String what) {
    return Problem.of(503, "inventory-rebuilding", "Try again",
            what + " is being restored after a grid failure; nothing was done")
        .with("retryAfterSeconds", 2);
  }

  public static Problem conflict(String slug, String title, String detail) {
    return Problem.of(409, slug, title, detail);
  }
}

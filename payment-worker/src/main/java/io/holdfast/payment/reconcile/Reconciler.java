package io.holdfast.payment.reconcile;

import io.holdfast.ledger.PaymentStatus;
import io.holdfast.ledger.payment.ReconcileRepository;
import io.holdfast.ledger.payment.ReconcileRepository.Claimed;
import io.holdfast.support.config.Setting;
import io.holdfast.support.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.holdfast.support.payment.StripeGateway.Intent;
import io.holdfast.support.payment.StripeGateway.StripeFailure;
import io.holdfast.support.payment.StripeGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes payments whose outcome never arrived: a webhook Stripe did not deliver, an outbox
 * event lost before V6, a worker that gave up, an intent nobody paid before its hold lapsed.
 * One {@link #run()} claims a bounded batch (see {@link ReconcileRepository}), asks Stripe what
 * became of each intent, and writes the outcome to the outbox as a webhook would: the
 * payment-worker then confirms, refunds or releases exactly as usual, once per payment. It
 * never writes orders itself, so a late webhook and a reconciliation cannot both sell.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  public static final Setting GRACE_SECONDS = Setting.number("HOLDFAST_RECONCILE_GRACE_SECONDS",
      "reconcile.graceSeconds", 120, "how long a payment stays untouched, seconds, before "
      + "reconciliation looks at it, and before it looks again");
  public static final Setting BATCH = Setting.number("HOLDFAST_RECONCILE_BATCH",
      "reconcile.batch", 100, "payments one reconciliation run claims at most");

  /** What a run did to a payment. */
  public enum Action {
    /** Stripe took the money and no order exists: payment.succeeded queued. */
    CONFIRMED,
    /** Stripe canceled the intent: payment.canceled queued, the hold goes back. */
    CANCELED,
    /** Nobody paid before the hold lapsed: intent canceled at Stripe, payment.canceled queued. */
    RELEASED,
    /** Succeeded here without an order: payment.succeeded queued again. */
    REEMITTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One payment finished by a run. */
  public record Fix(UUID paymentId, String intentId, String stripeStatus, Action action) {}

  /** What one run saw and did. */
  public record Summary(int examined, List<Fix> fixes, int errors) {
    public long count(Action action) {
      return fixes.stream().filter(f -> f.action() == action).count();
    }
  }

  private final ReconcileRepository payments;
  private final StripeGateway stripe;
  private final int graceSeconds;
  private final int batch;
  private final Counter runs;
  private final Counter examined;
  private final Counter errors;
  private final Map<Action, Counter> fixed = new EnumMap<>(Action.class);
  /** Paid payments without an order past the grace period, at the last run (NaN: none yet). */
  private volatile double unordered = Double.NaN;
  private final Meters.Source unorderedGauge;

  /**
   * {@code stripe} is null when no Stripe key is configured (Stripe payments are left);
   * {@code meters}: the process's, where the runs are counted. {@link #close} when done.
   */
  public Reconciler(Pool pool, StripeGateway stripe, JsonObject config, Meters meters) {
    this.payments = new ReconcileRepository(pool);
    this.stripe = stripe;
    this.graceSeconds = GRACE_SECONDS.integer(config);
    this.batch = Math.max(1, BATCH.integer(config));
    this.runs = meters.counter("holdfast_reconcile_runs_total", "Reconciliation runs finished");
    this.examined = meters.counter("holdfast_reconcile_examined_total",
        "Unsettled payments reconciliation looked at");
    this.errors = meters.counter("holdfast_reconcile_errors_total",
        "Payments (or runs) reconciliation could not check or fix; tried again next run");
    for (Action action : Action.values()) {
      fixed.put(action, meters.counter("holdfast_reconcile_fixed_total",
          "Payments reconciliation finished, by what it did", "action", action.label()));
    }
    // Every worker counts the same table: the largest count is the latest.
    this.unorderedGauge = meters.max("holdfast_payments_without_order", "Payments paid (their "
        + "outcome reported) longer than the reconciler's grace period ago that still have no "
        + "order, at the last reconciliation run", () -> unordered);
  }

  /**
   * One run: count the payments paid without an order past the grace period, then claim a
   * batch and finish what can be finished; fails only when the claim fails.
   */
  public Future<Summary> run() {
    return payments.unordered(graceSeconds)
        .onSuccess(count -> unordered = count)
        .transform(counted -> payments.claim(graceSeconds, batch))
        .onFailure(t -> errors.increment())
        .compose(claimed -> {
          AtomicInteger failed = new AtomicInteger();
          List<Fix> fixes = Collections.synchronizedList(new ArrayList<>());
          List<Future<Void>> looks = new ArrayList<>(claimed.size());
          for (Claimed p : claimed) {
            looks.add(examine(p).<Void>map(fix -> {
              if (fix != null) {
                fixes.add(fix);
                fixed.get(fix.action()).increment();
                if (p.viaStripe()) {
                  LOG.info("Reconciled payment {} (intent {}, {} here, Stripe says {}): {}",
                      p.id(), p.intentId(), p.status(), fix.stripeStatus(),
                      describe(fix.action()));
                } else {
                  LOG.info("Reconciled payment {} ({}, {} here): {}", p.id(), p.provider(),
                      p.status(), fix.action() == Action.RELEASED
                          ? "unpaid past its hold: payment.canceled queued, its hold goes back"
                          : describe(fix.action()));
                }
              }
              return null;
            }).recover(t -> {
              failed.incrementAndGet();
              errors.increment();
              LOG.warn("Reconciling payment {} (intent {}, {}) failed; next run tries again",
                  p.id(), p.intentId(), p.status(), t);
              return Future.succeededFuture();
            }));
          }
          return Future.join(looks).transform(done -> {
            Summary summary = new Summary(claimed.size(), List.copyOf(fixes), failed.get());
            runs.increment();
            examined.increment(claimed.size());
            if (!summary.fixes().isEmpty() || summary.errors() > 0) {
              LOG.info("Reconciliation: looked at {} payment(s), fixed {} (confirmed {}, "
                      + "canceled {}, released {}, re-emitted {}), {} error(s)",
                  summary.examined(), summary.fixes().size(), summary.count(Action.CONFIRMED),
                  summary.count(Action.CANCELED), summary.count(Action.RELEASED),
                  summary.count(Action.REEMITTED), summary.errors());
            }
            return Future.succeededFuture(summary);
          });
        });
  }

  /** Takes this reconciler's figure out of the process's meters. */
  public void close() {
    unorderedGauge.close();
  }

  /** The fix made for one claimed payment, or null when it is left for a later run. */
  private Future<Fix> examine(Claimed p) {
    if (p.status() == PaymentStatus.SUCCEEDED) {
      return queueSucceeded(p, null, Action.REEMITTED);
    }
    if (!p.viaStripe()) {
      // The simulated provider has no server to ask: past its hold, nobody will pay it.
      return p.lapsed() ? queueCanceled(p, null, Action.RELEASED) : Future.succeededFuture();
    }
    if (stripe == null) {
      LOG.warn("Payment {} went through Stripe (intent {}), but no Stripe key is configured "
          + "to check it", p.id(), p.intentId());
      return Future.succeededFuture();
    }
    return stripe.intent(p.intentId()).compose(intent -> act(p, intent, true));
  }

  /** Acts on what Stripe says of the intent; {@code mayCancel} once per look. */
  private Future<Fix> act(Claimed p, Intent intent, boolean mayCancel) {
    String status = intent.status() == null ? "" : intent.status();
    if ("succeeded".equals(status)) {
      return queueSucceeded(p, status, Action.CONFIRMED);
    }
    if ("canceled".equals(status)) {
      return queueCanceled(p, status, Action.CANCELED);
    }
    if (status.startsWith("requires_") && !"requires_capture".equals(status)) {
      if (!p.lapsed() || !mayCancel) {
        return Future.succeededFuture();
      }
      return stripe.cancel(p.intentId())
          .recover(t -> {
            // Stripe refuses to cancel an intent that moved on (paid meanwhile): look again.
            if (t instanceof StripeFailure f && f.status() != null && f.status() < 500) {
              LOG.info("Stripe would not cancel intent {} of payment {} ({}); reading it again",
                  p.intentId(), p.id(), f.getMessage());
              return stripe.intent(p.intentId());
            }
            return Future.failedFuture(t);
          })
          .compose(after -> "canceled".equals(after.status())
              ? queueCanceled(p, status, Action.RELEASED) : act(p, after, false));
    }
    if ("requires_capture".equals(status)) {
      LOG.warn("Intent {} of payment {} awaits a capture, which Holdfast never asks for; "
          + "left for an operator", p.intentId(), p.id());
    }
    // processing at Stripe (or anything new): look again next run.
    return Future.succeededFuture();
  }

  private Future<Fix> queueSucceeded(Claimed p, String stripeStatus, Action action) {
    return payments.succeeded(p, detail(stripeStatus))
        .map(written -> written ? new Fix(p.id(), p.intentId(), stripeStatus, action) : null);
  }

  private Future<Fix> queueCanceled(Claimed p, String stripeStatus, Action action) {
    return payments.canceled(p, detail(stripeStatus))
        .map(written -> written ? new Fix(p.id(), p.intentId(), stripeStatus, action) : null);
  }

  private static JsonObject detail(String stripeStatus) {
    JsonObject detail = new JsonObject();
    if (stripeStatus != null) {
      detail.put("stripeStatus", stripeStatus);
    }
    return detail;
  }

  private static String describe(Action action) {
    return switch (action) {
      case CONFIRMED -> "paid without an order: payment.succeeded queued for the worker";
      case CANCELED -> "canceled at Stripe: payment.canceled queued, its hold goes back";
      case RELEASED -> "unpaid past its hold: intent canceled, payment.canceled queued, its "
          + "hold goes back";
      case REEMITTED -> "succeeded without an order: payment.succeeded queued again";
    };
  }
}

// Paying for a hold: checkout makes the hold's one payment; the simulated provider's buttons or
// Stripe's Payment Element take it; then the page follows the payment until it became an order
// (the payment-worker settles it a moment later) or was turned back.
import { useEffect, useState } from 'preact/hooks';
import { Problem, Notice, money } from '../ui/common.jsx';
import { api } from '../lib/api.js';
import { lazy } from '../lib/lazy.jsx';
import { useLocation } from '../lib/router.js';
import { useAction } from '../lib/action.js';

const StripeForm = lazy(() => import('./stripe.jsx'), 'StripeForm');
// Where following a payment stops, by who says how it went: the simulated provider reports a
// decline as `failed`; Stripe's form reports a decline itself, so a stale `failed` is no answer.
const SETTLED = {
  simulated: ['succeeded', 'failed', 'canceled', 'refunded'],
  stripe: ['succeeded', 'canceled', 'refunded'],
};

/** Follows {@code payment} while {@code waiting}; {@code onChange} gets each new reading. */
function useFollow(payment, waiting, onChange) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!waiting || !payment) return undefined;
    const began = Date.now();
    let timer = 0;
    let live = true;
    const read = () => api(`/v1/payments/${payment.paymentId}`).then((p) => {
      if (!live) return;
      onChange(p);
      const done = (SETTLED[p.provider] || SETTLED.simulated).includes(p.status) && (p.status !== 'succeeded' || p.orderId);
      if (!done) {
        setSlow(Date.now() - began > 20000);
        timer = setTimeout(read, 1000);
      }
    }, () => { if (live) timer = setTimeout(read, 3000); });
    timer = setTimeout(read, 500);
    return () => { live = false; clearTimeout(timer); };
  }, [waiting, payment && payment.paymentId]);
  return slow;
}

/**
 * The payment of {@code hold}: {@code onOrder(orderId)} once it is an order, {@code onGone(payment)}
 * when it was cancelled or refunded (the seats were gone); {@code onWaiting(bool)} while the
 * page waits for the outcome (the hold's clock no longer matters then).
 */
export function Pay({ hold, onOrder, onGone, onWaiting }) {
  const { query } = useLocation();
  const checkout = useAction();
  const simulate = useAction();
  const [payment, setPayment] = useState(null);
  const [waiting, setWaiting] = useState(false);

  const start = async () => {
    const made = await checkout.run('checkout', (key) => api(`/v1/holds/${hold.holdId}/checkout`, { method: 'POST', key }));
    if (!made) return;
    setPayment(made);
    // A payment already under way (a reload, or back from the bank's page): follow it.
    if (made.status !== 'requires_payment' && made.status !== 'failed') setWaiting(true);
    else if (query.get('redirect_status') === 'succeeded') setWaiting(true);
  };
  useEffect(() => { if (query.get('payment_intent')) start(); }, []);
  useEffect(() => onWaiting(waiting), [waiting]);

  const slow = useFollow(payment, waiting, (p) => {
    setPayment(p);
    if (p.status === 'succeeded' && p.orderId) onOrder(p.orderId);
    else if (p.status === 'canceled' || p.status === 'refunded') onGone(p);
    if ((SETTLED[p.provider] || []).includes(p.status)) setWaiting(false);
  });

  const tell = async (outcome) => {
    const answer = await simulate.run(`simulate-${outcome}`, (key) => api(`/v1/payments/${payment.paymentId}/simulate`, { method: 'POST', body: { outcome }, key }));
    if (answer) {
      setPayment(answer);
      setWaiting(true);
    }
  };

  if (!payment) {
    return (
      <div class="actions">
        <Problem error={checkout.error} />
        <button type="button" class="primary" disabled={checkout.busy} onClick={start}>
          {checkout.busy ? 'Starting the payment…' : `Pay ${money(hold.amountCents, hold.currency)}`}
        </button>
      </div>
    );
  }
  if (waiting) {
    return (
      <>
        <p role="status" aria-live="polite">Confirming your payment…</p>
        {slow && <Notice>This takes longer than usual. Your payment is safe: the order appears under My orders once it is confirmed.</Notice>}
      </>
    );
  }
  return (
    <div class="pay">
      {payment.status === 'failed' && (
        <Notice kind="error">The payment was declined. Your hold stands: try again{payment.provider === 'stripe' ? ' with another card' : ''}.</Notice>
      )}
      {payment.provider === 'stripe'
        ? <StripeForm payment={payment} returnUrl={`${window.location.origin}/holds/${hold.holdId}`}
            onConfirmed={() => setWaiting(true)} />
        : (
          <>
            <p>This platform takes simulated payments: no card is charged. Say how the payment goes.</p>
            <Problem error={simulate.error} />
            <div class="actions">
              <button type="button" class="primary" disabled={simulate.busy} onClick={() => tell('succeeded')}>Pay (simulated)</button>
              <button type="button" disabled={simulate.busy} onClick={() => tell('failed')}>Pay (simulated decline)</button>
            </div>
          </>
        )}
    </div>
  );
}

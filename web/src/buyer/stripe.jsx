// Stripe's Payment Element, for a payment Stripe takes. Stripe.js must come from js.stripe.com
// (Stripe's rule), so it is loaded here and only here: the edge's policy allows Stripe's hosts
// only when Stripe is configured, and this module is its own chunk, out of the first load.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Notice, money } from '../ui/common.jsx';

let loading = null;

function stripeJs() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'https://js.stripe.com/v3';
      script.onload = () => resolve(window.Stripe);
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(new Error('Stripe.js did not load'));
      };
      document.head.appendChild(script);
    });
  }
  return loading;
}

/**
 * The card form of {@code payment} (the checkout's answer: clientSecret, publishableKey).
 * {@code onConfirmed} runs once Stripe accepted the payment; the platform then hears of it by
 * webhook. A bank that needs its own page (3-D Secure) sends the buyer back to {@code returnUrl}.
 */
export function StripeForm({ payment, returnUrl, onConfirmed }) {
  const box = useRef(null);
  const stripe = useRef(null);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    let element = null;
    let live = true;
    stripeJs().then((Stripe) => {
      if (!live) return;
      const client = Stripe(payment.publishableKey);
      const elements = client.elements({ clientSecret: payment.clientSecret });
      element = elements.create('payment');
      element.on('ready', () => setReady(true));
      element.mount(box.current);
      stripe.current = { client, elements };
    }, () => setError('The card form could not be loaded. Check your connection and reload the page: your hold stands.'));
    return () => {
      live = false;
      if (element) element.destroy();
    };
  }, [payment.clientSecret]);

  const onSubmit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    const { client, elements } = stripe.current;
    const result = await client.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' });
    setBusy(false);
    if (!result.error) {
      onConfirmed();
    } else if (result.error.type === 'card_error' || result.error.type === 'validation_error') {
      // Stripe words these for the buyer already ("Your card was declined.").
      setError(result.error.message);
    } else {
      setError('The payment did not go through. Your hold stands: try again.');
    }
  };

  return (
    <form onSubmit={onSubmit}>
      <div ref={box} class="stripe-element" />
      {!ready && !error && <p class="muted" role="status">Loading the card form…</p>}
      {error && <Notice kind="error">{error}</Notice>}
      <button type="submit" class="primary" disabled={!ready || busy}>
        {busy ? 'Paying…' : `Pay ${money(payment.amountCents, payment.currency)}`}
      </button>
    </form>
  );
}

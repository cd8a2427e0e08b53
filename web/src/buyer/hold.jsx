// A hold: what is held and for how long (a countdown, read out at each minute rather than each
// second), release or pay, and then the confirmation. A hold that lapses on screen says so and
// leads back to the event, where its seats are free again.
import { useEffect, useState } from 'preact/hooks';
import { Page, Problem, Loading, Notice, useLoad, money, when } from '../ui/common.jsx';
import { api, ApiError } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { useAction } from '../lib/action.js';
import { seatName } from './seatmap.jsx';
import { Pay } from './pay.jsx';
import './buyer.css';

const LAPSED = new ApiError(409, { type: 'https://holdfast.dev/problems/hold-not-active', detail: '' });

function spoken(left) {
  if (left <= 0) return 'Time is up.';
  if (left <= 30) return 'Less than 30 seconds left to pay.';
  if (left <= 60) return 'Less than a minute left to pay.';
  return `${Math.ceil(left / 60)} minutes left to pay.`;
}

/** Seconds left until {@code expiresAt}; {@code onZero} runs when they run out. */
function Countdown({ expiresAt, onZero }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
  useEffect(() => { if (left === 0) onZero(); }, [left === 0]);
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <>
      <p class={left <= 60 ? 'countdown soon' : 'countdown'}>
        <span class="muted">Time left to pay: </span><span role="timer">{clock}</span>
      </p>
      <p class="visually-hidden" aria-live="polite">{spoken(left)}</p>
    </>
  );
}

function What({ hold, event }) {
  const section = event && event.sections.find((s) => s.id === hold.sectionId);
  const name = (id) => {
    const s = event && event.sections.find((x) => x.id === id.split('-')[0]);
    return `${s ? s.name : id.split('-')[0]}, ${seatName(id)}`;
  };
  return (
    <>
      {event && <p><Link href={`/events/${event.id}`}>{event.name}</Link> · {when(event.startsAt)} · {event.venue}</p>}
      <ul class="summary" aria-label="Held">
        {hold.seats.length > 0
          ? hold.seats.map((id) => <li key={id}>{name(id)}</li>)
          : <li>{hold.quantity} × {section ? section.name : hold.sectionId} (general admission)</li>}
      </ul>
      <p class="total">Total {money(hold.amountCents, hold.currency)}</p>
    </>
  );
}

/** The order a paid hold became (a reload after paying): its payment names it. */
async function orderOf(holdId) {
  const page = await api('/v1/payments?limit=50');
  const payment = (page.items || []).find((p) => p.holdId === holdId);
  return payment && payment.orderId;
}

export function HoldPage({ holdId }) {
  const { data: hold, error, loading } = useLoad(() => api(`/v1/holds/${holdId}`), [holdId]);
  const eventId = hold && hold.eventId;
  const { data: event } = useLoad(() => (eventId ? api(`/v1/events/${eventId}`) : Promise.resolve(null)), [eventId]);
  const [status, setStatus] = useState(null);
  const [orderId, setOrderId] = useState(null);
  const [gone, setGone] = useState(null);
  const [paying, setPaying] = useState(false);
  const release = useAction();
  const now = status || (hold && hold.status);

  useEffect(() => {
    if (hold && hold.status === 'confirmed') orderOf(holdId).then((id) => id && setOrderId(id), () => {});
  }, [hold]);

  // The clock ran out here: the platform has the last word (this clock may run ahead of it).
  const onZero = () => {
    if (paying) return;
    const check = () => api(`/v1/holds/${holdId}`).then((h) => {
      if (h.status === 'active') setTimeout(check, 2000);
      else setStatus(h.status);
    }, () => setTimeout(check, 2000));
    check();
  };
  const onRelease = async () => {
    if (await release.run('release', () => api(`/v1/holds/${holdId}`, { method: 'DELETE' }))) setStatus('released');
  };

  let title = 'Your hold';
  if (orderId) title = 'You’re going!';
  else if (now === 'expired') title = 'Your hold lapsed';
  else if (now === 'released') title = 'Hold released';

  return (
    <Page title={title}>
      <Problem error={error} />
      {loading && <Loading what="Loading your hold" />}
      {hold && orderId && (
        <Notice kind="success">
          <p class="going">Your order is confirmed and your tickets are ready.</p>
          <p><Link href={`/orders/${orderId}`}>See your order and tickets</Link></p>
        </Notice>
      )}
      {hold && <What hold={hold} event={event} />}
      {hold && !orderId && now === 'confirmed' && <p role="status">This hold is paid. Looking for its order…</p>}
      {hold && !orderId && now === 'expired' && !paying && (
        <Problem error={LAPSED}>
          <p><Link href={`/events/${hold.eventId}`}>Back to the event</Link> to hold tickets again.</p>
        </Problem>
      )}
      {hold && now === 'released' && (
        <Notice>You released this hold: its tickets are back on sale.{' '}
          <Link href={`/events/${hold.eventId}`}>Back to the event</Link></Notice>
      )}
      {gone && (
        <Notice kind="error">The payment was {gone.status === 'refunded' ? 'refunded' : 'cancelled'}: the tickets could not be
          kept for you. <Link href={`/events/${hold.eventId}`}>Back to the event</Link></Notice>
      )}
      {hold && !orderId && !gone && now === 'active' && (
        <>
          {!paying && <Countdown expiresAt={hold.expiresAt} onZero={onZero} />}
          <Pay hold={hold} onOrder={setOrderId} onGone={setGone} onWaiting={setPaying} />
          <Problem error={release.error} />
          {!paying && (
            <p><button type="button" disabled={release.busy} onClick={onRelease}>Release these tickets</button></p>
          )}
        </>
      )}
    </Page>
  );
}

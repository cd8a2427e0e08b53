// An event: what, when and where; each section with its price and live availability; general
// admission by quantity, reserved seats on the map (reserved.jsx). Holding needs an account:
// a visitor is sent to log in (or create an account) and comes back here.
import { useState } from 'preact/hooks';
import { Page, Problem, Loading, Notice, Select, useLoad, money, when } from '../ui/common.jsx';
import { api } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { session } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { useAvailability } from './live.js';
import { useHold, most } from './holding.js';
import { ReservedSection } from './reserved.jsx';
import './buyer.css';

const CLOSED = {
  sold_out: 'Sold out for now. Seats come back when holds lapse: this page shows them as they do.',
  ended: 'This event has ended.',
  cancelled: 'This event was cancelled. Ticket holders are refunded.',
  draft: 'This event is not on sale yet.',
};

export function Counts({ counts }) {
  if (!counts) return <span class="muted">checking…</span>;
  if (counts.available === 0) return <strong class="sold-out">Sold out</strong>;
  return <span>{counts.available} of {counts.capacity} left</span>;
}

function GeneralSection({ event, section, counts }) {
  const { hold, busy, error } = useHold(event.id);
  const [quantity, setQuantity] = useState(1);
  const max = most(event, counts);
  const onSubmit = (e) => {
    e.preventDefault();
    hold(`ga-${quantity}`, { section: section.id, quantity: Number(quantity) });
  };
  return (
    <form class="buy" onSubmit={onSubmit}>
      <Problem error={error} />
      {max > 0 && (
        <>
          <Select label="Tickets" value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)}>
            {Array.from({ length: max }, (_, i) => <option key={i} value={i + 1}>{i + 1}</option>)}
          </Select>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Holding…' : `Hold ${quantity} for ${money(section.priceCents * quantity, event.currency)}`}
          </button>
        </>
      )}
    </form>
  );
}

export function EventPage({ eventId }) {
  const { data: event, error, loading } = useLoad(() => api(`/v1/events/${eventId}`), [eventId]);
  const availability = useAvailability(eventId);
  const { user } = useStore(session);
  const countsOf = (id) => availability.data && availability.data.sections.find((s) => s.sectionId === id);
  return (
    <Page title={event ? event.name : 'Event'}>
      <Problem error={error} />
      {loading && <Loading what="Loading the event" />}
      {event && (
        <>
          <p class="event-meta"><strong>{when(event.startsAt)}</strong> · {event.venue}</p>
          {event.description && <p>{event.description}</p>}
          <p class="muted">Up to {event.maxPerBuyer} tickets per buyer. Tickets you hold are
            yours for {event.holdSeconds < 120 ? `${event.holdSeconds} seconds` : `${Math.round(event.holdSeconds / 60)} minutes`} while you pay.</p>
          {CLOSED[event.status] && <Notice kind="warn">{CLOSED[event.status]}</Notice>}
          {!user && (
            <Notice>To buy, <Link href={`/login?next=${encodeURIComponent(`/events/${eventId}`)}`}>log in</Link> or{' '}
              <Link href={`/register?next=${encodeURIComponent(`/events/${eventId}`)}`}>create an account</Link>.</Notice>
          )}
          <Problem error={availability.error} />
          <p class="muted live-state">{availability.live ? 'Availability updates live.' : 'Connecting to live availability…'}</p>
          {event.sections.map((section) => {
            const counts = countsOf(section.id);
            return (
              <section class="section-card" key={section.id} aria-labelledby={`s-${section.id}`}>
                <h2 id={`s-${section.id}`}>{section.name}</h2>
                <p class="section-facts">
                  <span class="price">{money(section.priceCents, event.currency)}</span>
                  {' · '}{section.kind === 'general' ? 'General admission' : 'Reserved seating'}
                  {' · '}<Counts counts={counts} />
                </p>
                {section.kind === 'general'
                  ? <GeneralSection event={event} section={section} counts={counts} />
                  : <ReservedSection event={event} section={section} counts={counts} refresh={availability.refresh} />}
              </section>
            );
          })}
        </>
      )}
    </Page>
  );
}

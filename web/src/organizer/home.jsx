// The organizer's events, drafts included, with their live counts and links to each page.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { Page, Problem, Loading, useLoad, when } from '../ui/common.jsx';
import { StatusTag, useOrganizer, NotOrganizer } from './shared.jsx';
import './organizer.css';

export function OrganizerHome() {
  const organizer = useOrganizer();
  const [pages, setPages] = useState([]);
  const [more, setMore] = useState(null);
  const [moreError, setMoreError] = useState(null);
  const first = useLoad(() => (organizer ? api('/v1/organizer/events?limit=50') : Promise.resolve(null)), [organizer]);
  if (!organizer) return <Page title="Your events"><NotOrganizer /></Page>;
  const items = first.data ? [...first.data.items, ...pages] : [];
  const cursor = pages.length ? more : first.data && first.data.nextCursor;
  const loadMore = async () => {
    setMoreError(null);
    try {
      const page = await api(`/v1/organizer/events?limit=50&cursor=${encodeURIComponent(cursor)}`);
      setPages([...pages, ...page.items]);
      setMore(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    }
  };
  return (
    <Page title="Your events">
      <p><Link href="/organizer/events/new" class="button primary">New event</Link></p>
      {first.loading && !first.data && <Loading what="Loading your events" />}
      <Problem error={first.error} />
      {first.data && items.length === 0 && <p>No events yet. Create your first one.</p>}
      <ul class="cards org-events">
        {items.map((e) => <EventCard key={e.id} event={e} />)}
      </ul>
      <Problem error={moreError} />
      {cursor && <button type="button" onClick={loadMore}>Show more events</button>}
    </Page>
  );
}

function EventCard({ event }) {
  const c = event.counts || { capacity: 0, available: 0, held: 0, sold: 0 };
  const base = `/organizer/events/${event.id}`;
  return (
    <li class="card">
      <h2><Link href={base}>{event.name}</Link></h2>
      <p><StatusTag status={event.status} /></p>
      <p class="muted">{when(event.startsAt)}{event.venue ? ` · ${event.venue}` : ''}</p>
      <p>
        <strong>{c.sold.toLocaleString()}</strong> sold · {c.held.toLocaleString()} held ·{' '}
        {c.available.toLocaleString()} of {c.capacity.toLocaleString()} available
      </p>
      <nav class="org-card-links" aria-label={`Pages of ${event.name}`}>
        <Link href={base}>Sales</Link>
        <Link href={`${base}/edit`}>Edit</Link>
        <Link href={`${base}/attendees`}>Attendees</Link>
        <Link href={`${base}/door`}>Door</Link>
      </nav>
    </li>
  );
}

// The public events: search by text, category and dates.
import { useState } from 'preact/hooks';
import { Page, Field, Problem, Loading, useLoad, when } from '../ui/common.jsx';
import { Link, navigate, useLocation } from '../lib/router.js';
import { api } from '../lib/api.js';

function searchPath(query) {
  const params = new URLSearchParams();
  for (const name of ['q', 'category']) {
    if (query.get(name)) params.set(name, query.get(name));
  }
  // Dates from the form are days; the API takes instants.
  if (query.get('from')) params.set('from', new Date(query.get('from') + 'T00:00:00').toISOString());
  if (query.get('to')) params.set('to', new Date(query.get('to') + 'T23:59:59').toISOString());
  params.set('limit', '50');
  return `/v1/events?${params}`;
}

export function EventsPage() {
  const { query } = useLocation();
  const key = query.toString();
  const { data, error, loading } = useLoad(() => api(searchPath(query)), [key]);
  const [form] = useState(() => Object.fromEntries(query));
  const onSubmit = (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(e.currentTarget)) {
      if (value) params.set(name, value);
    }
    navigate(`/?${params}`);
  };
  return (
    <Page title="Events">
      <form class="search" role="search" onSubmit={onSubmit}>
        <Field label="Search" name="q" type="search" value={form.q} placeholder="Artist, venue, event" />
        <Field label="Category" name="category" value={form.category} placeholder="music, sport…" />
        <Field label="From" name="from" type="date" value={form.from} />
        <Field label="To" name="to" type="date" value={form.to} />
        <button type="submit" class="primary">Search</button>
      </form>
      <Problem error={error} />
      {loading && <Loading what="Finding events" />}
      {data && data.items.length === 0 && <p>No events match. Try fewer words or other dates.</p>}
      {data && (
        <ul class="cards" aria-label="Events">
          {data.items.map((event) => (
            <li key={event.id} class="card">
              <h2><Link href={`/events/${event.id}`}>{event.name}</Link></h2>
              <p class="muted">{when(event.startsAt)} · {event.venue}</p>
              {event.category && <p class="tag">{event.category}</p>}
              {event.status === 'sold_out' && <p class="badge">Sold out</p>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

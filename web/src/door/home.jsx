// The door's start (/door): choose the event whose tickets to check. Door staff pick from the
// events they were made staff of (GET /v1/me/staff-events), organizers and admins from their
// own; anyone may open the link or ID an organizer gave them, and this device remembers it.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { navigate, Link } from '../lib/router.js';
import { session } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { Page, Problem, Loading, Field, useLoad, when } from '../ui/common.jsx';
import { recentEvents } from './device.js';
import './door.css';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The scanner's path for a typed event ID or a pasted link (keeping a link's ?list=). */
export function scannerPath(typed) {
  const id = (typed || '').match(UUID);
  if (!id) return null;
  const list = (typed.match(/[?&]list=([0-9a-f-]{36})/i) || [])[1];
  return `/door/${id[0].toLowerCase()}` + (list ? `?list=${list.toLowerCase()}` : '');
}

/**
 * A searchable, paged list of events to open the scanner for: {@code path} answers pages of
 * events (the organizer's own, or those the caller is staff of); {@code hideEmpty} renders
 * nothing when there are none and no search was made.
 */
function EventChoices({ path, id, title, searchLabel, hideEmpty }) {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState([]);
  // From yesterday on: events at the door now or later, soonest first.
  const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const first = useLoad(() => {
    setPages([]);
    const query = new URLSearchParams({ status: 'on_sale,sold_out,ended', from, limit: '20' });
    if (search) query.set('q', search);
    return api(`${path}?${query}`);
  }, [search]);
  const [more, setMore] = useState({ loading: false, error: null });
  const all = first.data ? [first.data, ...pages] : [];
  const items = all.flatMap((p) => p.items);
  const cursor = all.length ? all[all.length - 1].nextCursor : null;

  const loadMore = async () => {
    setMore({ loading: true, error: null });
    try {
      const query = new URLSearchParams({ status: 'on_sale,sold_out,ended', from, limit: '20', cursor });
      if (search) query.set('q', search);
      const page = await api(`${path}?${query}`);
      setPages((p) => [...p, page]);
      setMore({ loading: false, error: null });
    } catch (e) {
      setMore({ loading: false, error: e });
    }
  };

  if (hideEmpty && !search && (first.loading || (first.data && items.length === 0))) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <form class="door-search" role="search" onSubmit={(e) => { e.preventDefault(); setSearch(q.trim()); }}>
        <Field label={searchLabel} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit">Search</button>
      </form>
      {first.loading && <Loading what={`Loading ${title.toLowerCase()}`} />}
      <Problem error={first.error} />
      {first.data && items.length === 0 && <p>No event from yesterday on{search ? ` matches “${search}”` : ''}.</p>}
      <ul class="cards">
        {items.map((e) => (
          <li class="card" key={e.id}>
            <h3 class="door-card-title"><Link href={`/door/${e.id}`}>{e.name}</Link></h3>
            <p class="muted">{when(e.startsAt)} · {e.venue}</p>
            {e.counts && <p>{`${e.counts.sold} ticket${e.counts.sold === 1 ? '' : 's'} sold`}</p>}
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" onClick={loadMore} disabled={more.loading}>{more.loading ? 'Loading…' : 'Show more events'}</button>
      )}
      <Problem error={more.error} />
    </section>
  );
}

export function DoorHome() {
  const { user } = useStore(session);
  const roles = (user && user.roles) || [];
  const [typed, setTyped] = useState('');
  const [bad, setBad] = useState(false);
  const recent = recentEvents();

  const open = (e) => {
    e.preventDefault();
    const path = scannerPath(typed);
    setBad(!path);
    if (path) navigate(path);
  };

  return (
    <Page title="Door">
      <p>Choose the event whose tickets you check.</p>
      <form class="form" onSubmit={open}>
        <Field label="Event ID or door link" value={typed} onInput={(e) => setTyped(e.currentTarget.value)}
          hint="Paste the link or the event ID the organizer gave you, or pick an event below." autocomplete="off"
          aria-invalid={bad} />
        {bad && <p class="notice notice-error" role="alert">That is not an event ID or a door link. It looks like 0f8c…-…: copy it again from the organizer’s message.</p>}
        <div><button type="submit" class="primary">Open scanner</button></div>
      </form>
      {recent.length > 0 && (
        <section aria-labelledby="door-recent-events">
          <h2 id="door-recent-events">Opened on this device</h2>
          <ul>{recent.map((e) => <li key={e.id}><Link href={`/door/${e.id}`}>{e.name || e.id}</Link></li>)}</ul>
        </section>
      )}
      {user && (
        <EventChoices path="/v1/me/staff-events" id="door-staff" title="Events you check tickets for"
          searchLabel="Search the events you check tickets for" hideEmpty />
      )}
      {(roles.includes('organizer') || roles.includes('admin')) && (
        <EventChoices path="/v1/organizer/events" id="door-yours" title="Your events"
          searchLabel="Search your events" />
      )}
    </Page>
  );
}

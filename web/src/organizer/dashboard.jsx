// The live sales dashboard: sold, held, available, revenue and tickets held per minute, for
// the event and each section, updating from the seat map's stream without a reload.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { Page, Problem, Loading, Notice, useLoad, money, when } from '../ui/common.jsx';
import { EventNav, StatusTag, useOrganizer, NotOrganizer } from './shared.jsx';
import { useLiveAvailability } from './live.js';
import { SeatMap } from './seatmap.jsx';
import './organizer.css';

const ANNOUNCE_EVERY_MS = 30_000;

export function EventDashboard({ eventId }) {
  const organizer = useOrganizer();
  const loaded = useLoad(() => api(`/v1/events/${eventId}`), [eventId]);
  const event = loaded.data;
  // Drafts and cancelled events are not public: they have no stream and no availability.
  const watchable = !!event && event.status !== 'draft' && event.status !== 'cancelled';
  const live = useLiveAvailability(eventId, watchable);
  if (!organizer) return <Page title="Sales"><NotOrganizer /></Page>;
  if (loaded.error) return <Page title="Sales"><Problem error={loaded.error} /></Page>;
  if (!event) return <Page title="Sales"><Loading what="Loading the event" /></Page>;
  return (
    <Page title={`Sales: ${event.name}`} wide>
      <EventNav eventId={eventId} current="dashboard" />
      <p>
        <StatusTag status={event.status} /> {when(event.startsAt)}{event.venue ? ` · ${event.venue}` : ''}
      </p>
      {event.status === 'draft' && (
        <Notice>This event is a draft: nothing sells until it is published. <Link href={`/organizer/events/${eventId}/edit`}>Edit and publish it</Link>.</Notice>
      )}
      {event.status === 'cancelled' && <Notice kind="warn">This event is cancelled; its paid orders were refunded.</Notice>}
      {watchable && <Live event={event} live={live} />}
    </Page>
  );
}

function Live({ event, live }) {
  const a = live.availability;
  if (!a) {
    return live.error ? <Problem error={live.error} /> : <Loading what="Connecting to live sales" />;
  }
  const price = Object.fromEntries(event.sections.map((s) => [s.id, s.priceCents]));
  const names = Object.fromEntries(event.sections.map((s) => [s.id, s.name]));
  const revenue = a.sections.reduce((sum, s) => sum + s.sold * (price[s.sectionId] || 0), 0);
  const cur = event.currency;
  return (
    <>
      <p class="muted org-live">
        <span class={live.live === 'stream' ? 'org-dot org-dot-live' : 'org-dot'} aria-hidden="true" />
        {live.live === 'stream' ? 'Live: changes appear as they happen.' : 'Updating every few seconds.'}
      </p>
      <Announcer sold={a.sold} held={a.held} revenue={money(revenue, cur)} />
      <Problem error={live.error} />
      <dl class="org-stats">
        <Stat id="sold" label="Sold" value={a.sold.toLocaleString()} />
        <Stat id="held" label="Held now" value={a.held.toLocaleString()} />
        <Stat id="available" label="Available" value={`${a.available.toLocaleString()} of ${a.capacity.toLocaleString()}`} />
        <Stat id="revenue" label="Revenue" value={money(revenue, cur)} />
        <Stat id="rate" label="Held in the last minute" value={`${(live.rates.event || 0).toLocaleString()} tickets`} />
      </dl>
      <h2>By section</h2>
      <div class="table-wrap">
        <table class="org-table">
          <caption class="org-hidden">Sales by section</caption>
          <thead>
            <tr><th scope="col">Section</th><th scope="col">Price</th><th scope="col">Sold</th><th scope="col">Held</th>
              <th scope="col">Available</th><th scope="col">Revenue</th><th scope="col">Held / min</th></tr>
          </thead>
          <tbody>
            {a.sections.map((s) => (
              <tr key={s.sectionId}>
                <th scope="row">{names[s.sectionId] || s.sectionId} <span class="muted">({s.sectionId})</span></th>
                <td>{money(price[s.sectionId], cur)}</td>
                <td>{s.sold}</td>
                <td>{s.held}</td>
                <td>{s.available} of {s.capacity}</td>
                <td>{money(s.sold * (price[s.sectionId] || 0), cur)}</td>
                <td>{live.rates[s.sectionId] || 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {a.sections.filter((s) => s.rows).map((s) => (
        <section key={s.sectionId} aria-label={`Seat map of ${names[s.sectionId] || s.sectionId}`}>
          <h2>{names[s.sectionId] || s.sectionId}: seats</h2>
          <p class="org-legend muted">
            <span class="org-key org-key-f" aria-hidden="true" /> free
            <span class="org-key org-key-h" aria-hidden="true" /> held
            <span class="org-key org-key-s" aria-hidden="true" /> sold
          </p>
          <SeatMap rows={s.rows} name={names[s.sectionId] || s.sectionId} />
        </section>
      ))}
    </>
  );
}

function Stat({ id, label, value }) {
  return (
    <div class="org-stat" data-stat={id}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/**
 * Says sales out loud at most every 30 seconds, and only when sold changed: a drop of many
 * sales a second must not drown a screen reader.
 */
function Announcer({ sold, held, revenue }) {
  const [words, setWords] = useState('');
  const last = useRef({ at: 0, sold });
  const timer = useRef(0);
  const latest = useRef({ sold, held, revenue });
  latest.current = { sold, held, revenue };
  useEffect(() => {
    if (sold === last.current.sold || timer.current) return;
    const say = () => {
      timer.current = 0;
      const now = latest.current;
      last.current = { at: Date.now(), sold: now.sold };
      setWords(`${now.sold} sold, ${now.held} held, revenue ${now.revenue}`);
    };
    const wait = last.current.at + ANNOUNCE_EVERY_MS - Date.now();
    if (wait <= 0) say();
    else timer.current = setTimeout(say, wait);
  }, [sold]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return <p class="org-hidden" aria-live="polite" aria-atomic="true">{words}</p>;
}

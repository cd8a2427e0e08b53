// Door setup: who may scan the event's tickets, its entrances (check-in lists), and the
// door's counts so far.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { Page, Problem, Loading, Notice, useLoad, when } from '../ui/common.jsx';
import { EventNav, FormField, Confirm, AddRefusal, allPages, useOrganizer, NotOrganizer } from './shared.jsx';
import { errorMap } from './errors.js';
import { CheckinLists } from './lists.jsx';
import './organizer.css';

export function DoorSetup({ eventId }) {
  const organizer = useOrganizer();
  const event = useLoad(() => api(`/v1/events/${eventId}`), [eventId]);
  // Each change to the entrances shows in the counts' table at once.
  const [changes, setChanges] = useState(0);
  if (!organizer) return <Page title="Door"><NotOrganizer /></Page>;
  return (
    <Page title={event.data ? `Door: ${event.data.name}` : 'Door'} wide>
      <EventNav eventId={eventId} current="door" />
      <Problem error={event.error} />
      {event.loading && !event.data && <Loading what="Loading the event" />}
      {event.data && (
        <>
          <p>Door staff scan tickets on the <Link href={`/door/${eventId}`}>scanner page</Link>. You can scan too.</p>
          <Staff eventId={eventId} />
          <CheckinLists event={event.data} onChanged={() => setChanges((n) => n + 1)} />
          <Counts eventId={eventId} changes={changes} />
        </>
      )}
    </Page>
  );
}

function Staff({ eventId }) {
  const staff = useLoad(() => allPages(`/v1/events/${eventId}/staff`), [eventId]);
  const [email, setEmail] = useState('');
  const [error, setError] = useState(null);
  const [done, setDone] = useState('');
  const add = async (e) => {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      const member = await api(`/v1/events/${eventId}/staff`, { method: 'POST', body: { email: email.trim() } });
      setDone(`${member.name} (${member.email}) may now scan tickets of this event.`);
      setEmail('');
      staff.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (member) => {
    setError(null);
    setDone('');
    try {
      await api(`/v1/events/${eventId}/staff/${member.userId}`, { method: 'DELETE' });
      setDone(`${member.name} is off the door staff.`);
      staff.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title">Door staff</h2>
      <p class="muted">People who scan tickets at any entrance. They need an account first.</p>
      <form class="org-inline-form" onSubmit={add}>
        <FormField label="Email of a staff member" type="email" autoComplete="off" value={email}
          error={errorMap(error).email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <button type="submit" class="primary">Add to staff</button>
      </form>
      <AddRefusal error={error} />
      {done && <Notice kind="success">{done}</Notice>}
      <Problem error={staff.error} />
      {staff.data && staff.data.length === 0 && <p>No door staff yet.</p>}
      {staff.data && staff.data.length > 0 && (
        <ul class="org-people">
          {staff.data.map((m) => (
            <li key={m.userId}>
              <span><strong>{m.name}</strong> {m.email} <span class="muted">since {when(m.grantedAt)}</span></span>
              <Confirm label={`Remove ${m.name}`} yes={`Yes, remove ${m.name}`}
                question={`Take ${m.name} off the door staff? They can no longer scan this event's tickets.`}
                onConfirm={() => remove(m)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const COUNTS = [
  ['admitted', 'Admitted'], ['reentered', 'Re-entered'], ['duplicates', 'Second scans refused'],
  ['refused', 'Other refusals'], ['scans', 'All scans'],
];

function Counts({ eventId, changes }) {
  const counts = useLoad(() => api(`/v1/events/${eventId}/checkin-counts`), [eventId, changes]);
  const c = counts.data;
  return (
    <section aria-labelledby="counts-title">
      <h2 id="counts-title">At the door so far</h2>
      <Problem error={counts.error} />
      {counts.loading && !c && <Loading what="Loading the door's counts" />}
      {c && (
        <>
          <p>
            <strong>{c.event.checkedIn || 0}</strong> of {c.event.tickets || 0} tickets checked in.
          </p>
          <div class="table-wrap">
            <table class="org-table">
              <caption class="org-hidden">Scans per entrance</caption>
              <thead>
                <tr><th scope="col">Entrance</th>{COUNTS.map(([k, label]) => <th key={k} scope="col">{label}</th>)}</tr>
              </thead>
              <tbody>
                <CountRow name="The whole event" counts={c.event} />
                {c.lists.map((l) => <CountRow key={l.listId} name={l.name} counts={l} />)}
                <CountRow name="Scans without a list" counts={c.withoutList} />
              </tbody>
            </table>
          </div>
          <button type="button" onClick={counts.reload}>Refresh counts</button>
        </>
      )}
    </section>
  );
}

function CountRow({ name, counts }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      {COUNTS.map(([k]) => <td key={k}>{counts[k] || 0}</td>)}
    </tr>
  );
}

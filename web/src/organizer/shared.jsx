// What the organizer's pages share: the event's own navigation, plain words for statuses, a
// confirmation step for what cannot be undone, and reading every page of a list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { useStore } from '../lib/store.js';
import { session } from '../lib/session.js';
import { Notice, Field, Problem } from '../ui/common.jsx';

export const STATUS = {
  draft: 'Draft (not on sale)',
  on_sale: 'On sale',
  sold_out: 'Sold out',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

export function StatusTag({ status }) {
  return <span class={`tag org-status org-status-${status}`}>{STATUS[status] || status}</span>;
}

/** Whether the signed-in account may manage events; the API decides, this only words it early. */
export function useOrganizer() {
  const { user } = useStore(session);
  const roles = (user && user.roles) || [];
  return roles.includes('organizer') || roles.includes('admin');
}

export function NotOrganizer() {
  return (
    <Notice kind="error">
      <strong>Not allowed</strong>
      <p>Only organizers manage events. Ask an admin for the organizer role.</p>
    </Notice>
  );
}

/** Links between one event's pages; the current one is marked for screen readers too. */
export function EventNav({ eventId, current }) {
  const base = `/organizer/events/${eventId}`;
  const pages = [
    ['dashboard', base, 'Sales'],
    ['edit', `${base}/edit`, 'Edit'],
    ['attendees', `${base}/attendees`, 'Attendees'],
    ['door', `${base}/door`, 'Door'],
  ];
  return (
    <nav class="org-tabs" aria-label="This event">
      <Link href="/organizer">All events</Link>
      {pages.map(([key, href, label]) => (
        <Link key={key} href={href} aria-current={key === current ? 'page' : undefined}>{label}</Link>
      ))}
    </nav>
  );
}

/**
 * A button that asks first: the first press shows what will happen and two buttons; only the
 * second press acts. Inline rather than window.confirm, so it is styled, read out and testable.
 */
export function Confirm({ label, question, yes, no = 'Keep it', danger = true, busy, onConfirm }) {
  const [asking, setAsking] = useState(false);
  const yesButton = useRef(null);
  useEffect(() => { if (asking && yesButton.current) yesButton.current.focus(); }, [asking]);
  if (!asking) {
    return <button type="button" class={danger ? 'danger' : ''} onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <div class="org-confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <div class="org-actions">
        <button type="button" ref={yesButton} class={danger ? 'danger' : 'primary'} disabled={busy}
          onClick={async () => { await onConfirm(); setAsking(false); }}>{yes}</button>
        <button type="button" onClick={() => setAsking(false)}>{no}</button>
      </div>
    </div>
  );
}

/** Every item of a paged list, following nextCursor (100 a page, the API's most). */
export async function allPages(path) {
  const items = [];
  let cursor = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const page = await api(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * The frame's Field with the API's message for it: the message takes the hint's place, so it
 * is read out with the input, and the input is marked invalid.
 */
export function FormField({ error, hint, ...field }) {
  return (
    <div class={error ? 'org-invalid' : undefined}>
      <Field hint={error ? `${field.label}: ${error}` : hint} aria-invalid={error ? 'true' : undefined} {...field} />
    </div>
  );
}

/**
 * A refusal to add someone: an unknown email gets words of its own (the generic "not found"
 * speaks of links), anything else the frame's plain words.
 */
export function AddRefusal({ error }) {
  if (error && error.status === 404 && /email/i.test(error.message)) {
    return (
      <Notice kind="error">
        <strong>No account has this email</strong>
        <p>Check the spelling, or ask them to register at Holdfast first and then add them.</p>
      </Notice>
    );
  }
  return <Problem error={error} />;
}

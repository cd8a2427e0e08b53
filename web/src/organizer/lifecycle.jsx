// Publish, close or reopen sales, and cancel: what moves an event between its statuses.
// Closing sales is moving salesEndAt to now (docs/organizers.md): the core gets the new window
// in the same transaction; reopening resets it to the event's end.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Problem, Notice } from '../ui/common.jsx';
import { Confirm } from './shared.jsx';

export function Lifecycle({ event, dirty, save, onChanged }) {
  const [error, setError] = useState(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (what, run) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      if (!(await run())) return;
      // Read the event again rather than trust each answer's shape: the form starts over from it.
      onChanged(await api(`/v1/events/${event.id}`));
      setDone(what);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const path = `/v1/events/${event.id}`;
  const selling = event.status === 'on_sale' || event.status === 'sold_out';
  const closed = selling && new Date(event.salesEndAt).getTime() <= Date.now();
  const publish = () => act('Published: the event is on sale from its sales start.', async () => {
    // Unsaved changes are saved first, so what goes on sale is what the form shows.
    if (dirty && !(await save())) return null;
    return api(`${path}/publish`, { method: 'POST' });
  });
  const setSalesEnd = (value, what) => act(what, () => api(path, { method: 'PATCH', body: { salesEndAt: value } }));
  const cancel = () => act('Cancelled: sales stopped, and every paid order is being refunded.',
    () => api(`${path}/cancel`, { method: 'POST' }));
  return (
    <section class="org-lifecycle" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">Sales</h2>
      {done && <Notice kind="success">{done}</Notice>}
      <Problem error={error} />
      {event.status === 'draft' && (
        <p>This event is a draft: nobody sees it until it is published.</p>
      )}
      {selling && !closed && <p>Tickets are on sale until {new Date(event.salesEndAt).toLocaleString()}.</p>}
      {closed && <p>Sales are closed. Reopening them sells until the event ends.</p>}
      {(event.status === 'ended' || event.status === 'cancelled') && (
        <p>This event is {event.status === 'ended' ? 'over' : 'cancelled'}: it cannot change any more.</p>
      )}
      <div class="org-actions">
        {event.status === 'draft' && (
          <button type="button" class="primary" disabled={busy} onClick={publish}>
            {dirty ? 'Save and publish' : 'Publish'}
          </button>
        )}
        {selling && !closed && (
          <Confirm label="Close sales" danger={false} busy={busy} yes="Yes, close sales now"
            question="Stop selling now? Tickets already sold stay valid, and you can reopen sales later."
            onConfirm={() => setSalesEnd(new Date().toISOString(), 'Sales closed.')} />
        )}
        {closed && (
          <button type="button" disabled={busy} onClick={() => setSalesEnd(null, 'Sales reopened until the event ends.')}>
            Reopen sales
          </button>
        )}
        {event.status !== 'ended' && event.status !== 'cancelled' && (
          <Confirm label="Cancel event" busy={busy} yes="Yes, cancel the event" no="Keep the event"
            question={event.status === 'draft'
              ? 'Cancel this draft? It will never go on sale.'
              : 'Cancel this event? Sales stop at once and every paid order is refunded to its buyer. This cannot be undone.'}
            onConfirm={cancel} />
        )}
      </div>
    </section>
  );
}

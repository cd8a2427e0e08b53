// The attendee list: every order of the event (all pages), searched by name or email,
// exported as CSV, and refunded one by one.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Page, Problem, Loading, Notice, Field, useLoad, money, when } from '../ui/common.jsx';
import { EventNav, Confirm, allPages, useOrganizer, NotOrganizer } from './shared.jsx';
import { attendeesCsv, download } from './csv.js';
import './organizer.css';

const ORDER_STATUS = { confirmed: 'Paid', refunded: 'Refunded', cancelled: 'Cancelled' };

export function Attendees({ eventId }) {
  const organizer = useOrganizer();
  const [search, setSearch] = useState('');
  const loaded = useLoad(() => Promise.all([
    api(`/v1/events/${eventId}`),
    allPages(`/v1/events/${eventId}/orders`),
  ]), [eventId]);
  if (!organizer) return <Page title="Attendees"><NotOrganizer /></Page>;
  const [event, orders] = loaded.data || [null, []];
  const words = search.trim().toLowerCase();
  const shown = words
    ? orders.filter((o) => `${o.buyer.name} ${o.buyer.email}`.toLowerCase().includes(words))
    : orders;
  const tickets = orders.filter((o) => o.status === 'confirmed').reduce((n, o) => n + o.tickets.length, 0);
  return (
    <Page title={event ? `Attendees: ${event.name}` : 'Attendees'} wide>
      <EventNav eventId={eventId} current="attendees" />
      {loaded.loading && <Loading what="Loading the orders" />}
      <Problem error={loaded.error} />
      {event && (
        <>
          <p>{orders.length} {orders.length === 1 ? 'order' : 'orders'}, {tickets} paid tickets.</p>
          <div class="org-toolbar">
            <Field label="Search by name or email" type="search" value={search}
              onInput={(e) => setSearch(e.currentTarget.value)} />
            <button type="button" disabled={orders.length === 0}
              onClick={() => download(attendeesCsv(orders), `attendees-${event.name.replace(/[^A-Za-z0-9]+/g, '-')}.csv`)}>
              Export CSV
            </button>
            <button type="button" onClick={loaded.reload}>Refresh</button>
          </div>
          {words && <p role="status">{shown.length} of {orders.length} orders match.</p>}
          {orders.length === 0 && <p>No orders yet.</p>}
          <ul class="org-orders">
            {shown.map((o) => <Order key={o.orderId} order={o} onRefunded={loaded.reload} />)}
          </ul>
        </>
      )}
    </Page>
  );
}

function Order({ order, onRefunded }) {
  const [error, setError] = useState(null);
  const [requested, setRequested] = useState(false);
  const [busy, setBusy] = useState(false);
  const refund = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/v1/orders/${order.orderId}/refund`, { method: 'POST', body: { reason: 'Refunded by the organizer' } });
      setRequested(true);
      // The payment worker refunds a moment later; read the list again until it shows.
      [1500, 4000, 9000].forEach((ms) => setTimeout(onRefunded, ms));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const seats = order.tickets.map((t) => t.seat || t.sectionId).join(', ');
  return (
    <li class="card org-order" data-order={order.orderId}>
      <h2>{order.buyer.name}</h2>
      <p><a href={`mailto:${order.buyer.email}`}>{order.buyer.email}</a></p>
      <p>
        <span class={`tag org-order-${order.status}`}>{ORDER_STATUS[order.status] || order.status}</span>{' '}
        {order.tickets.length} {order.tickets.length === 1 ? 'ticket' : 'tickets'} ({seats}) ·{' '}
        {money(order.amountCents, order.currency)} · {when(order.createdAt)}
      </p>
      {order.reason && order.status !== 'confirmed' && <p class="muted">Reason: {order.reason}</p>}
      <Problem error={error} />
      {requested && order.status === 'confirmed' && (
        <Notice kind="success">Refund requested: the money goes back to the buyer and the tickets stop working.</Notice>
      )}
      {order.status === 'confirmed' && !requested && (
        <Confirm label="Refund" busy={busy} yes="Yes, refund this order" no="Keep it"
          question={`Refund ${money(order.amountCents, order.currency)} to ${order.buyer.name}? Their tickets stop working at the door, and the seats go back on sale.`}
          onConfirm={refund} />
      )}
    </li>
  );
}

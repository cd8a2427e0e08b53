// The buyer's orders, and one order with its tickets: each with its QR code, its PDF and a
// link to the ticket's own page; the whole order as one PDF.
import { Page, Problem, Loading, useLoad, money, when } from '../ui/common.jsx';
import { api, withEvent } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { Qr, Download, place } from './files.jsx';
import './buyer.css';

const STATUS = { confirmed: 'Confirmed', refunded: 'Refunded', cancelled: 'Cancelled' };

/** The events named by {@code ids}, by ID: lists of orders carry only the event's ID. */
async function events(ids) {
  const found = {};
  await Promise.all([...new Set(ids)].map((id) => api(`/v1/events/${id}`).then(
    (e) => { found[id] = e; }, () => {})));
  return found;
}

export function OrdersPage() {
  const { data, error, loading } = useLoad(async () => {
    const page = await api('/v1/orders?limit=100');
    return { orders: page.items, events: await events(page.items.map((o) => o.eventId)) };
  }, []);
  return (
    <Page title="My orders">
      <Problem error={error} />
      {loading && <Loading what="Loading your orders" />}
      {data && data.orders.length === 0 && <p>No orders yet. <Link href="/">Find an event</Link>.</p>}
      {data && data.orders.length > 0 && (
        <ul class="cards" aria-label="Orders">
          {data.orders.map((order) => {
            const event = data.events[order.eventId];
            return (
              <li class="card" key={order.orderId}>
                <h2><Link href={`/orders/${order.orderId}`}>{event ? event.name : 'Order'}</Link></h2>
                {event && <p class="muted">{when(event.startsAt)} · {event.venue}</p>}
                <p>{money(order.amountCents, order.currency)} · {STATUS[order.status] || order.status}</p>
                <p class="muted">Ordered {when(order.createdAt)}</p>
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}

function TicketCard({ ticket, event }) {
  const where = place(ticket, event);
  return (
    <li class="ticket">
      <h3>{where}</h3>
      {ticket.status === 'valid'
        ? <Qr ticketId={ticket.ticketId} alt={`QR code of the ticket ${where}`} />
        : <p class="status-void">{ticket.status === 'used' ? 'Checked in' : 'Void'}</p>}
      <p><Link href={`/tickets/${ticket.ticketId}`}>Open the ticket<span class="visually-hidden"> {where}</span></Link></p>
      {ticket.status === 'valid' && (
        <Download path={`/v1/tickets/${ticket.ticketId}/pdf`} name={`ticket-${ticket.ticketId.slice(0, 8)}.pdf`}>
          Download PDF<span class="visually-hidden"> of {where}</span>
        </Download>
      )}
    </li>
  );
}

export function OrderPage({ orderId }) {
  const { data, error, loading } = useLoad(() => withEvent(`/v1/orders/${orderId}`), [orderId]);
  const order = data && data.thing;
  const event = data && data.event;
  return (
    <Page title={event ? `Order: ${event.name}` : 'Order'}>
      <Problem error={error} />
      {loading && <Loading what="Loading the order" />}
      {order && (
        <>
          {event && <p><Link href={`/events/${event.id}`}>{event.name}</Link> · {when(event.startsAt)} · {event.venue}</p>}
          <p>{order.tickets.length} {order.tickets.length === 1 ? 'ticket' : 'tickets'} ·{' '}
            {money(order.amountCents, order.currency)} · {STATUS[order.status] || order.status} ·{' '}
            <span class="muted">ordered {when(order.createdAt)}</span></p>
          {order.status === 'refunded' && (
            <p>This order was refunded{order.reason ? ` (${order.reason.replace(/-/g, ' ')})` : ''}: its tickets are void.</p>
          )}
          {order.status === 'confirmed' && (
            <div class="actions">
              <Download path={`/v1/orders/${orderId}/pdf`} name={`holdfast-order-${orderId.slice(0, 8)}.pdf`}>
                Download all tickets (PDF)
              </Download>
            </div>
          )}
          <h2>Tickets</h2>
          <ul class="tickets" aria-label="Tickets">
            {order.tickets.map((t) => <TicketCard key={t.ticketId} ticket={t} event={event} />)}
          </ul>
        </>
      )}
    </Page>
  );
}

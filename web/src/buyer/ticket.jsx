// One ticket: its QR code and place, its PDF, the rotating code when the event asks for one
// (a new code every 15 seconds, so a screenshot stops working), and a transfer to someone else.
import { useEffect, useState } from 'preact/hooks';
import { Page, Problem, Loading, Notice, Field, useLoad, when } from '../ui/common.jsx';
import { api, withEvent } from '../lib/api.js';
import { Link } from '../lib/router.js';
import { useAction } from '../lib/action.js';
import { Qr, Download, place } from './files.jsx';
import './buyer.css';

/** The rotating code of this step, read again when the step ends, with the seconds it has left. */
function RotatingCode({ ticketId }) {
  const [code, setCode] = useState(null);
  const [error, setError] = useState(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    let timer = 0;
    let live = true;
    const read = () => api(`/v1/tickets/${ticketId}/rotating-code`).then((c) => {
      if (!live) return;
      setCode(c);
      setError(null);
      timer = setTimeout(read, Math.max(1000, Date.parse(c.expiresAt) - Date.now() + 200));
    }, (e) => {
      if (!live) return;
      setError(e);
      if (e.status === 0 || e.status >= 500) timer = setTimeout(read, 5000);
    });
    read();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => { live = false; clearTimeout(timer); clearInterval(tick); };
  }, [ticketId]);
  if (error) return <Problem error={error} />;
  if (!code) return <Loading what="Loading the live code" />;
  const left = Math.max(0, Math.ceil((Date.parse(code.expiresAt) - now) / 1000));
  return (
    <div class="rotating">
      <p>This event checks a live code that changes every 15 seconds: show this screen at the door, not a screenshot.</p>
      <Qr ticketId={ticketId} live big version={code.code} alt="The live QR code of this ticket, for the door's scanner" />
      <p class="otp" aria-label={`Live code ${code.code.split('.').pop().split('').join(' ')}`}>{code.code.split('.').pop()}</p>
      <p class="muted">New code in <span role="timer">{left}</span> s</p>
      <details>
        <summary>The full code, for typing at the door</summary>
        <p class="code">{code.code}</p>
      </details>
    </div>
  );
}

function Transfer({ ticket, onDone }) {
  const action = useAction();
  const [email, setEmail] = useState('');
  const [sure, setSure] = useState(false);
  const ask = (e) => {
    e.preventDefault();
    setSure(true);
  };
  const send = async () => {
    const done = await action.run(`transfer-${email}`, () => api(`/v1/tickets/${ticket.ticketId}/transfer`, { method: 'POST', body: { email } }));
    setSure(false);
    if (done) onDone(email);
  };
  return (
    <form class="form" onSubmit={ask}>
      <Problem error={action.error} />
      <Field label="Their email" name="email" type="email" autocomplete="off" required value={email}
        onInput={(e) => { setEmail(e.currentTarget.value); setSure(false); action.setError(null); }}
        hint="They get the ticket in their account (one is made for them if they have none). This ticket stops working for you." />
      {!sure
        ? <button type="submit">Transfer…</button>
        : (
          <div class="notice notice-warn" role="alert">
            <p>Give this ticket to <strong>{email}</strong>? You cannot undo this.</p>
            <div class="actions">
              <button type="button" class="danger" disabled={action.busy} onClick={send}>
                {action.busy ? 'Transferring…' : 'Yes, transfer it'}</button>
              <button type="button" onClick={() => setSure(false)}>Cancel</button>
            </div>
          </div>
        )}
    </form>
  );
}

export function TicketPage({ ticketId }) {
  const { data, error, loading } = useLoad(() => withEvent(`/v1/tickets/${ticketId}`), [ticketId]);
  const [given, setGiven] = useState(null);
  const ticket = data && data.thing;
  const event = data && data.event;
  const where = ticket ? place(ticket, event) : '';
  return (
    <Page title={ticket ? `Ticket: ${where}` : 'Ticket'}>
      <Problem error={error} />
      {loading && <Loading what="Loading the ticket" />}
      {given && (
        <Notice kind="success">The ticket now belongs to {given}. <Link href="/orders">Back to my orders</Link></Notice>
      )}
      {ticket && !given && (
        <>
          {event && <p><Link href={`/events/${event.id}`}>{event.name}</Link> · {when(event.startsAt)} · {event.venue}</p>}
          <p><Link href={`/orders/${ticket.orderId}`}>The order of this ticket</Link></p>
          {ticket.status === 'used' && <Notice>Checked in {when(ticket.checkedInAt)}.</Notice>}
          {ticket.status === 'void' && <Notice kind="error">This ticket is void: it was refunded or cancelled.</Notice>}
          {ticket.status === 'valid' && (
            <>
              {event && event.rotatingCodes
                ? <RotatingCode ticketId={ticketId} />
                : <Qr ticketId={ticketId} big alt={`QR code of the ticket ${where}`} version={ticket.version} />}
              <div class="actions">
                <Download path={`/v1/tickets/${ticketId}/pdf`} name={`ticket-${ticketId.slice(0, 8)}.pdf`}>Download PDF</Download>
              </div>
              <h2>Give it to someone</h2>
              {event && event.transfersAllowed === false
                ? <p>This event does not allow transfers.</p>
                : <Transfer ticket={ticket} onDone={setGiven} />}
            </>
          )}
        </>
      )}
    </Page>
  );
}

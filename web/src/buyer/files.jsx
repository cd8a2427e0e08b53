// Tickets' QR codes and PDFs: the API serves them to the holder's bearer token, which an <img>
// or a plain link cannot send, so they are fetched as blobs and shown or saved from object URLs.
import { useEffect, useState } from 'preact/hooks';
import { Problem } from '../ui/common.jsx';
import { api } from '../lib/api.js';
import { saveBlob } from '../lib/save.js';
import { useAction } from '../lib/action.js';

/** A moment after an order is confirmed its codes may still be signing (409 ticket-not-ready). */
async function fetchBlob(path, tries = 5) {
  try {
    return await api(path, { as: 'blob' });
  } catch (e) {
    if (e.slug !== 'ticket-not-ready' || tries <= 1) throw e;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return fetchBlob(path, tries - 1);
  }
}

/**
 * The ticket's QR code as an image; {@code version} reloads it after the code changed, and
 * {@code live} draws the rotating code of this step instead of the printed one.
 */
export function Qr({ ticketId, alt, big = false, version, live: rotating = false }) {
  const [state, setState] = useState({ url: null, error: null });
  useEffect(() => {
    let url = null;
    let live = true;
    fetchBlob(`/v1/tickets/${ticketId}/${rotating ? 'rotating-code' : 'qr'}.png`).then((blob) => {
      url = URL.createObjectURL(blob);
      if (live) setState({ url, error: null });
      else URL.revokeObjectURL(url);
    }, (error) => live && setState({ url: null, error }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [ticketId, version, rotating]);
  if (state.error) return <Problem error={state.error} />;
  if (!state.url) return <div class={big ? 'qr qr-big' : 'qr'} role="img" aria-label={`${alt} (loading)`} />;
  return <img class={big ? 'qr qr-big' : 'qr'} src={state.url} alt={alt} width="192" height="192" />;
}

/** A button that fetches the PDF at {@code path} and saves it as {@code name}. */
export function Download({ path, name, children }) {
  const action = useAction();
  const save = async () => {
    const blob = await action.run(`pdf-${path}`, () => fetchBlob(path));
    if (!blob || blob === true) return;
    saveBlob(blob, name);
  };
  return (
    <>
      <button type="button" onClick={save} disabled={action.busy}>{action.busy ? 'Preparing the PDF…' : children}</button>
      <Problem error={action.error} />
    </>
  );
}

/** Where a ticket is: "Balcony, Row A seat 3" or "Standing, general admission (place 12)". */
export function place(ticket, event) {
  const section = event && event.sections.find((s) => s.id === ticket.sectionId);
  const name = section ? section.name : ticket.sectionId;
  if (ticket.seat) {
    const [, row, number] = ticket.seat.split('-');
    return `${name}, Row ${row} seat ${number}`;
  }
  return `${name}, general admission (place ${ticket.slot})`;
}

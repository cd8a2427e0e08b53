// The attendee list as CSV (RFC 4180): a header row, every field quoted when it holds a comma,
// quote or line break, quotes doubled, CRLF line ends.
import { saveBlob } from '../lib/save.js';

/** One CSV field. Text starting with = + - @ is prefixed with ' so a spreadsheet shows it, not runs it. */
export function csvField(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows) {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const HEADER = ['Order', 'Status', 'Name', 'Email', 'Tickets', 'Seats', 'Amount', 'Currency', 'Ordered at'];

/** Attendees → CSV text; amounts in currency units (25.00), seats or sections per ticket. */
export function attendeesCsv(orders) {
  return csv([HEADER, ...orders.map((o) => [
    o.orderId, o.status, o.buyer.name, o.buyer.email, o.tickets.length,
    o.tickets.map((t) => t.seat || t.sectionId).join(' '),
    (o.amountCents / 100).toFixed(2), o.currency, o.createdAt,
  ])]);
}

/** Hands {@code text} to the browser as a file download, built here: no round trip. */
export function download(text, filename) {
  // The byte-order mark lets spreadsheet programs read the names' accents as UTF-8.
  saveBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), filename);
}

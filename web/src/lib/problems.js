// Every refusal in plain words, with what to do next. The API's problem+json says what went
// wrong; this says it the way a buyer in a hurry reads it. Unknown slugs fall back to the
// API's own detail.
const WORDS = {
  'sold-out': ['Sold out', 'Every ticket of this section is taken. Try another section, or look again in a few minutes: seats come back when holds lapse.'],
  'seats-unavailable': ['Those seats were just taken', 'Someone got there first. Pick other seats on the map, or ask for the best seats together.'],
  'no-adjacent-seats': ['No seats together', 'There are not that many seats side by side. Ask for fewer, or pick seats on the map.'],
  'purchase-limit': ['Limit reached', 'This event allows only so many tickets per buyer. Buy fewer tickets.'],
  'too-many-holds': ['Too many holds', 'You already hold tickets for this event. Finish or release a hold first.'],
  'hold-not-active': ['Your hold lapsed', 'The seats were held for a limited time and went back on sale. Hold them again.'],
  'hold-confirmed': ['Already paid', 'This hold became an order. See it under My orders.'],
  'sales-closed': ['Sales are closed', 'This event is not selling tickets now.'],
  'unknown-section': ['Unknown section', 'Pick a section from the list.'],
  'unknown-seat': ['Unknown seat', 'Pick seats from the map.'],
  'rate-limited': ['Too many requests', 'Wait a moment and try again.'],
  'busy': ['Busy', 'The platform is very busy right now. Try again in a few seconds.'],
  'timeout': ['That took too long', 'Try again: nothing was bought twice.'],
  'unavailable': ['Try again', 'A part of the platform is restarting. Try again in a few seconds.'],
  'core-unavailable': ['Try again', 'Sales are paused for a moment. Try again in a few seconds.'],
  'inventory-rebuilding': ['Almost ready', 'The platform is loading the seats. Try again in a few seconds.'],
  'payment-provider-unavailable': ['Payments are unavailable', 'The payment provider cannot be reached. Your hold stands: try again in a moment.'],
  'payment-not-pending': ['Payment already settled', 'This payment is no longer waiting. See My orders.'],
  'invalid-credentials': ['Wrong email or password', 'Check them and try again, or reset your password.'],
  'email-taken': ['Email already registered', 'Log in instead, or reset your password.'],
  'token-expired': ['Link expired', 'Ask for a new link.'],
  'token-used': ['Link already used', 'Log in, or ask for a new link.'],
  'token-invalid': ['Link not valid', 'Ask for a new link.'],
  'unauthorized': ['Please log in', 'Your session ended. Log in again.'],
  'invalid-refresh-token': ['Please log in', 'Your session ended. Log in again.'],
  'forbidden': ['Not allowed', 'Your account may not do this.'],
  'not-found': ['Not found', 'It may have been removed, or the link is wrong.'],
  'validation': ['Check the form', 'Some fields need another value.'],
  'wrong-current-password': ['Wrong current password', 'Type your current password again.'],
  'too-many-mails': ['Too many emails', 'We sent several already. Check your inbox, or try again in an hour.'],
  'already-verified': ['Already verified', 'Your email is verified. Nothing to do.'],
  'already-checked-in': ['Already checked in', 'This ticket was scanned before. Send the holder to a supervisor.'],
  'revoked': ['Ticket replaced', 'This code was replaced by a newer one, or the ticket was refunded.'],
  'invalid-signature': ['Not a real ticket', 'The code is not signed by Holdfast.'],
  'unknown-ticket': ['Unknown ticket', 'No ticket has this code.'],
  'wrong-event': ['Wrong event', 'This ticket is for another event.'],
  'wrong-entrance': ['Wrong entrance', 'This ticket enters at another gate.'],
  'ticket-void': ['Ticket void', 'This ticket was refunded or cancelled.'],
  'code-expired': ['Code expired', 'Ask the holder to refresh the ticket on their phone.'],
  'rotating-code-required': ['Live code needed', 'Ask the holder to open the ticket in the app.'],
  'transfer-to-self': ['That is you', 'Transfer to someone else’s email.'],
  'transfer-deadline-passed': ['Too late to transfer', 'Transfers close before the event.'],
  'transfers-disabled': ['No transfers', 'This event does not allow transfers.'],
  'order-refunded': ['Already refunded', 'This order was refunded.'],
  'invalid-state': ['Not now', 'This cannot be done in the current state.'],
  'network': ['No connection', 'The server could not be reached. Check your connection and try again.'],
  'not-list-staff': ['Not your entrance', 'You are not on this entrance’s staff. Choose another entrance, or ask the organizer.'],
  'not-valid-yet': ['Too early', 'This entrance is not open yet.'],
  'list-closed': ['Entrance closed', 'This entrance has closed.'],
  'malformed-code': ['Not a ticket code', 'Check that the code was typed or scanned in full.'],
  'ticket-not-ready': ['Tickets almost ready', 'Your tickets are being signed. Try again in a few seconds.'],
  'no-valid-tickets': ['No tickets to print', 'You no longer hold any valid ticket of this order.'],
  'ticket-used': ['Already checked in', 'This ticket was used at the door.'],
  'ticket-changed': ['The ticket just changed', 'Reload the page and try again.'],
  'streams-busy': ['Live updates paused', 'Too many people are watching right now. The map refreshes by itself in a moment.'],
  'idempotency-key-in-use': ['Still working', 'Your last try is still running. Wait a moment.'],
};

/** {title, detail, next, fields}: how to show the refusal {@code error} (an ApiError). */
export function explain(error) {
  const slug = error && error.slug;
  const words = WORDS[slug];
  const problem = (error && error.problem) || {};
  const fields = (error && error.errors) || [];
  if (words) {
    return { title: words[0], detail: problem.detail || '', next: words[1], fields };
  }
  return {
    title: problem.title || 'Something went wrong',
    detail: problem.detail || (error && error.message) || '',
    next: error && error.status >= 500 ? 'Try again in a moment.' : '',
    fields,
  };
}

// What the door shows for a scan, in the words a person at a gate reads at a glance: a kind
// (ok: let in; bad: do not; warn: could not check), a title, and a few lines saying why and
// what the ticket is. Built from the platform's answer, its refusal, or the device's own
// offline check, so all three read alike.
import { when } from '../ui/common.jsx';

/** What a ticket is, in words: its section's name and its seat or place. */
export function describeTicket(event, ticket) {
  if (!ticket || !ticket.sectionId) return null;
  const section = ((event && event.sections) || []).find((s) => s.id === ticket.sectionId);
  const name = section ? section.name : `Section ${ticket.sectionId}`;
  if (ticket.seat) return `${name} · seat ${ticket.seat}`;
  return `${name} · general admission` + (Number.isInteger(ticket.slot) ? `, ticket no. ${ticket.slot + 1}` : '');
}

/** A time at the door: to the second when it is today (scans minutes apart matter), else the date too. */
export function clock(iso) {
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString()
    ? `at ${at.toLocaleTimeString()}` : `on ${when(iso)}`;
}

function firstScan(at, listName) {
  if (!at) return 'It was scanned before.';
  return `First scanned ${clock(at)}` + (listName ? ` at ${listName}.` : '.');
}

const REVOKED_BECAUSE = {
  transferred: 'The ticket was given to someone else, who has a new code.',
  reissued: 'The holder asked for a new code; this one no longer works.',
  refunded: 'The ticket was refunded.',
  cancelled: 'The event was cancelled and the ticket refunded.',
};

/** Refusals: slug → [title, why/what to do], with the problem's members for details. */
const REFUSALS = {
  'already-checked-in': (p) => ['Already checked in', firstScan(p.checkedInAt, p.listName)],
  revoked: (p) => ['Ticket replaced', REVOKED_BECAUSE[p.reason] || 'This is an old code of a ticket that was transferred or reissued. Ask for the current ticket.'],
  'ticket-void': () => ['Ticket cancelled', 'The order was refunded or cancelled: this ticket admits no one.'],
  'invalid-signature': () => ['Not a real ticket', 'The code is not signed for this event: it was changed, cut short or forged.'],
  'unknown-ticket': () => ['Not a ticket', 'No ticket of this event has this code. Check that it was typed or scanned in full.'],
  'malformed-code': () => ['Not a ticket', 'This is not a ticket code. Check that it was typed or scanned in full.'],
  'wrong-event': () => ['Wrong event', 'This ticket is for another event.'],
  'wrong-entrance': (p) => ['Wrong entrance', `This entrance does not admit section ${p.sectionId || 'of this ticket'}. Send the holder to their entrance.`],
  'not-valid-yet': () => ['Too early', 'This entrance is not open yet.'],
  'list-closed': () => ['Entrance closed', 'This entrance has closed.'],
  'rotating-code-required': () => ['Live code needed', 'This event takes only the changing code: ask the holder to open the ticket on their phone.'],
  'code-expired': () => ['Code expired', 'The code changes every few seconds: ask for the live ticket on the phone, not a screenshot.'],
  'not-list-staff': () => ['Not your entrance', 'You are not on this entrance’s staff. Choose another entrance, or ask the organizer.'],
  forbidden: () => ['Not allowed', 'Your account does not work this event’s door. Ask the organizer to add you to its staff.'],
  validation: () => ['Not a ticket', 'This is not a ticket code.'],
};

/** A refusal's verdict: slug and the problem's members (checkedInAt, listName, sectionId…). */
export function refused(slug, problem = {}, { event, offline = false, extra = [] } = {}) {
  const words = REFUSALS[slug];
  const [title, why] = words ? words(problem) : [problem.title || 'Not admitted', problem.detail || ''];
  const what = describeTicket(event, problem.ticket);
  return { kind: 'bad', slug, title, lines: [why, what, ...extra].filter(Boolean), offline };
}

/** An admission's verdict; {@code reentry} with the first check-in's time and list. */
export function admitted(event, ticket, { offline = false, reentry = null, extra = [] } = {}) {
  const lines = [describeTicket(event, ticket)];
  if (reentry) lines.push(`Re-entry: first came in ${clock(reentry.at)}` + (reentry.listName ? ` at ${reentry.listName}.` : '.'));
  return {
    kind: 'ok',
    slug: reentry ? 'reentered' : 'admitted',
    title: reentry ? 'Welcome back' : 'Admitted',
    lines: [...lines, ...extra].filter(Boolean),
    offline,
  };
}

/** No answer at all: the scan could not be checked, and the holder waits. */
export function unchecked(title, why) {
  return { kind: 'warn', slug: 'unchecked', title, lines: [why], offline: true };
}

/** The platform's verdict of one offline scan (a batch entry), as a short phrase. */
export function batchPhrase(entry) {
  if (entry.result === 'already-checked-in') {
    return `it was already checked in ${entry.checkedInAt ? clock(entry.checkedInAt) : 'before'}`
      + (entry.listName ? ` at ${entry.listName}` : '') + '.';
  }
  const words = REFUSALS[entry.result];
  if (!words) return `${entry.title || entry.result}.`;
  const [title, why] = words(entry);
  return `${title.toLowerCase()}: ${why}`;
}

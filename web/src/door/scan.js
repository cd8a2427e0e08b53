// One scan, decided: by the platform when it can be reached (POST /v1/checkins), else by this
// device from what "Prepare offline" downloaded, queued for upload. Every scan carries a nonce,
// so a scan whose answer got lost on the way and is later uploaded again is recorded once.
import { api } from '../lib/api.js';
import { parseCode, signedBy } from './code.js';
import { deviceFor, enqueue, isPrepared, markSeen } from './device.js';
import { admitted, refused, unchecked } from './verdicts.js';

/** Answers that mean the platform was not reached, or could not decide: check locally. */
function unreachable(error) {
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

/** Decides a scan: a verdict for the answer screen. Never throws for a bad code. */
export async function scan({ eventId, event, list, code }) {
  const nonce = crypto.randomUUID();
  if (navigator.onLine !== false) {
    try {
      return await online({ eventId, event, list, code, nonce });
    } catch (error) {
      if (!unreachable(error)) throw error;
    }
  }
  return offline({ eventId, event, list, code, nonce });
}

async function online({ eventId, event, list, code, nonce }) {
  const body = { code, eventId, nonce };
  if (list) body.listId = list.id;
  try {
    const answer = await api('/v1/checkins', { method: 'POST', body });
    const ticket = answer.ticket || {};
    markSeen(eventId, ticket.ticketId, answer.checkedInAt || ticket.checkedInAt || answer.scannedAt, list && list.name);
    return admitted(event, ticket, answer.reentry
      ? { reentry: { at: answer.checkedInAt, listName: answer.checkedInListName } } : {});
  } catch (error) {
    if (!error.slug || unreachable(error)) throw error;
    const problem = error.problem || {};
    if (error.slug === 'already-checked-in' && problem.ticket) {
      markSeen(eventId, problem.ticket.ticketId, problem.checkedInAt, problem.listName);
    }
    // A refusal of the scan itself is a red answer; any other (a lapsed session, too many
    // requests, a fault) decided nothing about the ticket and is the page's to show.
    if (error.status === 401 || error.status === 429 || error.status >= 500) throw error;
    return refused(error.slug, problem, { event });
  }
}

/** Whether the list admits the ticket now: null, or the refusal's slug. */
function listRefuses(list, payload, now) {
  if (!list) return null;
  if (list.sectionIds && !list.sectionIds.includes(payload.sectionId)) return 'wrong-entrance';
  if (list.opensAt && now < new Date(list.opensAt)) return 'not-valid-yet';
  if (list.closesAt && now >= new Date(list.closesAt)) return 'list-closed';
  return null;
}

/**
 * The device's own check, in the platform's order: the code's shape, its event, its signature,
 * revocations, the event's rule on rotating codes, the list, and what this device saw. A
 * rotating code's one-time password cannot be checked here (its secret stays with the holder
 * and the platform): the platform checks it at upload against the scan's own time.
 */
async function offline({ eventId, event, list, code, nonce }) {
  const device = deviceFor(eventId);
  const state = device.get();
  if (!isPrepared(state)) {
    return unchecked('Not checked: no connection',
      'The platform cannot be reached, and this device was not prepared for offline scanning. Let the holder wait, and scan again when the connection is back.');
  }
  const now = new Date();
  const opts = { event, offline: true };
  const parsed = parseCode(code);
  if (!parsed) return refused('malformed-code', {}, opts);
  const { payload } = parsed;
  const ticket = { sectionId: payload.sectionId, seat: payload.seat, slot: payload.slot };
  if (payload.eventId !== eventId) return refused('wrong-event', {}, opts);
  let genuine;
  try {
    genuine = await signedBy(state.keys, parsed);
  } catch (e) {
    return unchecked('Not checked', 'This browser cannot check ticket signatures. Use a current Chrome, Edge or Firefox over https, or wait for the connection.');
  }
  if (!genuine) return refused('invalid-signature', {}, opts);
  const reason = state.revoked[`${payload.ticketId}:${payload.version}`];
  if (reason) return refused('revoked', { reason, ticket }, opts);
  if (event && event.rotatingCodes && !parsed.otp) return refused('rotating-code-required', {}, opts);
  const byList = listRefuses(list, payload, now);
  if (byList) return refused(byList, { sectionId: payload.sectionId, ticket }, opts);
  const seen = state.seen[payload.ticketId];
  if (seen && !(list && list.reentry)) {
    return refused('already-checked-in', { checkedInAt: seen.at, listName: seen.where, ticket }, {
      ...opts, extra: ['Scanned on this device.'],
    });
  }
  enqueue(eventId, { code, scannedAt: now.toISOString(), nonce, listId: list ? list.id : null, ticket });
  markSeen(eventId, payload.ticketId, now.toISOString(), list && list.name);
  const extra = ['Checked on this device; the platform confirms it when the connection is back.'];
  if (parsed.otp) extra.push('Its changing code is checked then too.');
  return admitted(event, ticket, {
    offline: true, extra, reentry: seen ? { at: seen.at, listName: seen.where } : null,
  });
}

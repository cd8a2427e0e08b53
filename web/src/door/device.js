// What this device keeps for one event's door, in localStorage so that a reload or a dead
// battery loses nothing: the event's ticket keys and revoked codes (for checking offline),
// the tickets this device let in or saw checked in, and the scans made offline that still
// have to reach the platform.
import { api } from '../lib/api.js';
import { store } from '../lib/store.js';

const PREFIX = 'holdfast.door.';
const PAGE = 1000;

function empty() {
  return {
    keys: [], // the event's JWKS keys
    revoked: {}, // `${ticketId}:${version}` → reason
    cursor: null, // where the next revocations start
    preparedAt: null, // when keys and revocations were last downloaded
    seen: {}, // ticketId → {at, where}: checked in, as far as this device knows
    queue: [], // [{code, scannedAt, nonce, listId, ticket}] scanned offline, not uploaded yet
    lastSyncAt: null,
    differences: [], // where the platform decided otherwise than this device offline
  };
}

function read(eventId) {
  try {
    const text = localStorage.getItem(PREFIX + eventId);
    return text ? { ...empty(), ...JSON.parse(text) } : empty();
  } catch (e) {
    return empty();
  }
}

const devices = new Map();

/**
 * The device's store for an event: set() saves it too. One store per event per page, so the
 * scanner, the offline panel and the uploader share one copy.
 */
export function deviceFor(eventId) {
  if (!devices.has(eventId)) {
    const s = store(read(eventId));
    s.watch((value) => {
      try {
        localStorage.setItem(PREFIX + eventId, JSON.stringify(value));
      } catch (e) {
        // A full storage must not stop the door: the page keeps working from memory.
      }
    });
    devices.set(eventId, s);
  }
  return devices.get(eventId);
}

export function isPrepared(state) {
  return !!state.preparedAt;
}

/** The revocations since the cursor, every page of them: [{ticketId, version, reason}], next. */
async function revocationsSince(eventId, cursor) {
  const all = [];
  let next = cursor;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (next) query.set('cursor', next);
    const page = await api(`/v1/events/${eventId}/revocations?${query}`);
    all.push(...page.revocations);
    const moved = page.next && page.next !== next;
    next = page.next || next;
    if (page.revocations.length < PAGE || !moved) return { all, next };
  }
}

/**
 * Downloads the event's keys and the revocations it does not have yet (revocations only ever
 * grow, so the cursor makes a second download cheap). Throws the API's refusal.
 */
export async function prepare(eventId) {
  const device = deviceFor(eventId);
  const jwks = await api(`/v1/events/${eventId}/ticket-keys`);
  const { all, next } = await revocationsSince(eventId, device.get().cursor);
  device.set((state) => {
    const revoked = { ...state.revoked };
    for (const r of all) revoked[`${r.ticketId}:${r.version}`] = r.reason;
    return { ...state, keys: jwks.keys || [], revoked, cursor: next, preparedAt: new Date().toISOString() };
  });
}

/** Remembers that a ticket is in (this device admitted it, or the platform said it was). */
export function markSeen(eventId, ticketId, at, where) {
  if (!ticketId) return;
  deviceFor(eventId).set((state) => (state.seen[ticketId]
    ? state
    : { ...state, seen: { ...state.seen, [ticketId]: { at, where } } }));
}

export function enqueue(eventId, scan) {
  deviceFor(eventId).set((state) => ({ ...state, queue: [...state.queue, scan] }));
}

export function clearDifferences(eventId) {
  deviceFor(eventId).set((state) => ({ ...state, differences: [] }));
}

const RECENT = 'holdfast.door.recent';

/** Events this device scanned for lately, newest first: [{id, name}]. */
export function recentEvents() {
  try {
    return JSON.parse(localStorage.getItem(RECENT) || '[]');
  } catch (e) {
    return [];
  }
}

/** Remembers an event the door opened, so staff (who cannot list their events) find it again. */
export function rememberEvent(id, name) {
  const list = [{ id, name }, ...recentEvents().filter((e) => e.id !== id)].slice(0, 5);
  try {
    localStorage.setItem(RECENT, JSON.stringify(list));
  } catch (e) { /* storage full: only the shortcut is lost */ }
}

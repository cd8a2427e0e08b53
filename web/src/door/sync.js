// Uploads the scans made offline (POST /v1/events/{id}/checkins/batch), one batch per list
// and at most 500 scans each, and notes where the platform decided otherwise: the first scan
// of a ticket to reach it wins, so another gate may have let the same ticket in first. A
// batch whose answer is lost is simply sent again: the nonces make the platform answer the
// same and record nothing twice.
import { api } from '../lib/api.js';
import { deviceFor, isPrepared, prepare } from './device.js';

const BATCH = 500;

let running = null;

/** Uploads what is queued; resolves when done, throws the API's refusal. One at a time. */
export function upload(eventId) {
  if (!running) {
    running = run(eventId).finally(() => { running = null; });
  }
  return running;
}

async function run(eventId) {
  const device = deviceFor(eventId);
  for (;;) {
    const queue = device.get().queue;
    if (queue.length === 0) break;
    const listId = queue[0].listId || null;
    const batch = queue.filter((s) => (s.listId || null) === listId).slice(0, BATCH);
    const body = { scans: batch.map(({ code, scannedAt, nonce }) => ({ code, scannedAt, nonce })) };
    if (listId) body.listId = listId;
    const answer = await api(`/v1/events/${eventId}/checkins/batch`, { method: 'POST', body });
    const byNonce = new Map(batch.map((s) => [s.nonce, s]));
    const differences = [];
    for (const entry of answer.results || []) {
      const scan = byNonce.get(entry.nonce) || batch[entry.index];
      // Every scan queued was admitted on this device; anything else is news for the door.
      if (scan && entry.result !== 'admitted' && entry.result !== 'reentered') {
        differences.push({ ...entry, ticket: scan.ticket, localScannedAt: scan.scannedAt });
      }
    }
    const sent = new Set(batch.map((s) => s.nonce));
    device.set((state) => ({
      ...state,
      queue: state.queue.filter((s) => !sent.has(s.nonce)),
      lastSyncAt: new Date().toISOString(),
      differences: [...state.differences, ...differences],
    }));
  }
  // Back online: catch up on codes revoked meanwhile (a cheap call from the cursor).
  if (isPrepared(device.get())) {
    await prepare(eventId).catch(() => {});
  }
}

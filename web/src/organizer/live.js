// The event's counts as they change: the public Server-Sent Events stream of the seat map
// (docs/seating.md), with polling of the availability when the stream is not to be had.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';

const POLL_MS = 5000;
const WINDOW_MS = 60_000;

/** Applies a `changes` frame to an availability: values are absolute, so a repeat is harmless. */
export function applyChanges(availability, changes) {
  const sections = availability.sections.map((section) => {
    const change = changes.sections.find((c) => c.sectionId === section.sectionId);
    if (!change) return section;
    const next = { ...section, capacity: change.capacity, available: change.available, held: change.held, sold: change.sold };
    if (section.rows && (change.rows || change.seats)) {
      next.rows = section.rows.map((row) => {
        let seats = change.rows && change.rows[row.label] !== undefined ? change.rows[row.label] : row.seats;
        if (change.seats) {
          const letters = seats.split('');
          for (const [seatId, state] of Object.entries(change.seats)) {
            // Seat IDs are SECTION-ROW-NUMBER; the row label may not contain '-'.
            const parts = seatId.split('-');
            const number = Number(parts[parts.length - 1]);
            if (parts[0] === section.sectionId && parts[parts.length - 2] === row.label && number >= 1 && number <= letters.length) letters[number - 1] = state;
          }
          seats = letters.join('');
        }
        return { ...row, seats };
      });
    }
    return next;
  });
  return { ...availability, capacity: changes.capacity, available: changes.available, held: changes.held, sold: changes.sold, sections };
}

/**
 * {availability, live, error, rates}: the availability kept current; live is 'stream',
 * 'polling' or 'connecting'; rates maps 'event' and each section ID to tickets held in the
 * last minute. A new hold raises held + sold; paying moves tickets from held to sold (no
 * change); a lapse or release lowers it. So the rises of held + sold are the tickets held.
 */
export function useLiveAvailability(eventId, enabled) {
  const [state, setState] = useState({ availability: null, live: 'connecting', error: null, rates: {} });
  const samples = useRef({});
  useEffect(() => {
    if (!enabled) return undefined;
    let closed = false;
    let timer = 0;
    let source = null;
    const take = (availability, live) => {
      const now = Date.now();
      const rates = {};
      const record = (id, held, sold) => {
        const list = (samples.current[id] = samples.current[id] || []);
        list.push({ t: now, total: held + sold });
        while (list.length > 1 && list[0].t < now - WINDOW_MS) list.shift();
        let rise = 0;
        for (let i = 1; i < list.length; i++) rise += Math.max(0, list[i].total - list[i - 1].total);
        rates[id] = rise;
      };
      record('event', availability.held, availability.sold);
      availability.sections.forEach((s) => record(s.sectionId, s.held, s.sold));
      setState({ availability, live, error: null, rates });
    };
    const poll = async () => {
      try {
        const availability = await api(`/v1/events/${eventId}/availability`);
        if (!closed) take(availability, 'polling');
      } catch (error) {
        if (!closed) setState((s) => ({ ...s, error }));
      }
      if (!closed) timer = setTimeout(poll, POLL_MS);
    };
    let current = null;
    // The window slides even when nothing happens, so a quiet minute reads 0.
    const tick = setInterval(() => { if (current && source) take(current, 'stream'); }, 10_000);
    if (typeof EventSource === 'function') {
      source = new EventSource(`/v1/events/${eventId}/stream`);
      source.addEventListener('availability', (e) => {
        current = JSON.parse(e.data);
        take(current, 'stream');
      });
      source.addEventListener('changes', (e) => {
        if (!current) return;
        current = applyChanges(current, JSON.parse(e.data));
        take(current, 'stream');
      });
      // The browser reconnects by itself after a dropped connection; a refusal (404, 503
      // streams-busy) closes the stream for good, and polling takes over.
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED && !closed) {
          source = null;
          poll();
        }
      };
    } else {
      poll();
    }
    return () => {
      closed = true;
      clearTimeout(timer);
      clearInterval(tick);
      if (source) source.close();
    };
  }, [eventId, enabled]);
  return state;
}

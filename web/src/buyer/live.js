// An event's availability, kept live: one GET for the first paint, then the seat map's stream
// of Server-Sent Events (docs/seating.md). The stream's frames are absolute, so a change applied
// twice or after a fresh map is harmless.
import { useEffect, useState, useCallback } from 'preact/hooks';
import { api } from '../lib/api.js';

/** The map {@code data} with the stream's {@code changes} applied (a new object; rows are strings). */
export function applyChanges(data, changes) {
  if (!data) return data;
  const counts = ({ capacity, available, held, sold }) => ({ capacity, available, held, sold });
  const sections = data.sections.map((section) => {
    const change = changes.sections.find((c) => c.sectionId === section.sectionId);
    if (!change) return section;
    let rows = section.rows;
    if (rows && (change.rows || change.seats)) {
      rows = rows.map((row) => {
        let seats = change.rows && change.rows[row.label] !== undefined ? change.rows[row.label] : row.seats;
        for (const [id, state] of Object.entries(change.seats || {})) {
          // Seat IDs are SECTION-ROW-NUMBER, letters and digits only in each part.
          const [, label, number] = id.split('-');
          if (label === row.label) {
            const i = Number(number) - 1;
            seats = seats.slice(0, i) + state + seats.slice(i + 1);
          }
        }
        return seats === row.seats ? row : { ...row, seats };
      });
    }
    return { ...section, ...counts(change), rows };
  });
  return { ...data, ...counts(changes), sections };
}

/**
 * {data, error, live, refresh}: the availability of {@code eventId}, updated from the stream.
 * EventSource reconnects by itself after a dropped connection; a refused one (503 streams-busy)
 * closes it, so then this opens a new one later, reading the map meanwhile.
 */
export function useAvailability(eventId) {
  const [state, setState] = useState({ data: null, error: null, live: false });
  const refresh = useCallback(() => api(`/v1/events/${eventId}/availability`).then(
    (data) => setState((s) => ({ ...s, data, error: null })),
    (error) => setState((s) => ({ ...s, error })),
  ), [eventId]);

  useEffect(() => {
    let source = null;
    let timer = 0;
    let delay = 2000;
    let closed = false;
    const open = () => {
      source = new EventSource(`/v1/events/${eventId}/stream`);
      source.addEventListener('availability', (e) => {
        delay = 2000;
        setState((s) => ({ ...s, data: JSON.parse(e.data), error: null, live: true }));
      });
      source.addEventListener('changes', (e) => {
        const changes = JSON.parse(e.data);
        setState((s) => ({ ...s, data: applyChanges(s.data, changes), live: true }));
      });
      source.onerror = () => {
        setState((s) => ({ ...s, live: false }));
        if (source.readyState === EventSource.CLOSED && !closed) {
          timer = setTimeout(() => { refresh(); open(); }, delay);
          delay = Math.min(delay * 2, 30000);
        }
      };
    };
    setState({ data: null, error: null, live: false });
    refresh();
    open();
    return () => {
      closed = true;
      clearTimeout(timer);
      if (source) source.close();
    };
  }, [eventId]);

  return { ...state, refresh };
}

// A reserved section: seats picked on the live map and held as they are, or the best N seats
// side by side found by the platform. A picked seat someone else takes first drops out of the
// pick with a word saying so; a hold refused because a seat was just taken refreshes the map.
import { useState, useEffect } from 'preact/hooks';
import { Problem, Notice, Select, money } from '../ui/common.jsx';
import { SeatMap, Legend, seatName } from './seatmap.jsx';
import { useHold, most } from './holding.js';

function free(rows, id) {
  const [, label, number] = id.split('-');
  const row = rows.find((r) => r.label === label);
  return !!row && row.seats[Number(number) - 1] === 'f';
}

export function ReservedSection({ event, section, counts, refresh }) {
  const [picked, setPicked] = useState([]);
  const [lost, setLost] = useState([]);
  const [together, setTogether] = useState(2);
  const { hold, busy, error } = useHold(event.id);
  const rows = counts && counts.rows;

  // The stream moved on: picks that are not free any more were taken by someone else.
  useEffect(() => {
    if (!rows) return;
    const gone = picked.filter((id) => !free(rows, id));
    if (gone.length) {
      setPicked(picked.filter((id) => !gone.includes(id)));
      setLost(gone);
    }
  }, [rows]);

  // A refusal naming seats: they are taken, so they leave the pick and the map is read again.
  useEffect(() => {
    if (error && error.slug === 'seats-unavailable') {
      const taken = error.problem.unavailableSeats || [];
      setPicked((p) => p.filter((id) => !taken.includes(id)));
      refresh();
    }
  }, [error]);

  const toggle = (id) => {
    setLost([]);
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  };
  const holdPicked = () => hold(`seats-${picked.join(',')}`, { seats: picked });
  const holdTogether = (e) => {
    e.preventDefault();
    hold(`best-${together}`, { section: section.id, quantity: Number(together), together: true });
  };
  const max = most(event, counts);

  if (!rows) {
    return counts ? <p class="muted">The seat map is not available for this event any more.</p> : null;
  }
  return (
    <div class="reserved">
      <Legend />
      <SeatMap section={section} rows={rows} picked={picked} onToggle={toggle} currency={event.currency} />
      {lost.length > 0 && (
        <Notice kind="warn">{lost.map(seatName).join(', ')} {lost.length === 1 ? 'was' : 'were'} just taken by someone else.</Notice>
      )}
      <Problem error={error} />
      <div class="pick" aria-live="polite">
        {picked.length === 0
          ? <p class="muted">Pick seats on the map, or let us find the best seats together.</p>
          : <p><strong>Your pick:</strong> {picked.map(seatName).join(', ')} ·{' '}
              {money(section.priceCents * picked.length, event.currency)}</p>}
      </div>
      {picked.length > 0 && (
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={holdPicked}>
            {busy ? 'Holding…' : `Hold ${picked.length} ${picked.length === 1 ? 'seat' : 'seats'}`}
          </button>
          <button type="button" onClick={() => setPicked([])}>Clear pick</button>
        </div>
      )}
      {max > 0 && (
        <form class="buy together" onSubmit={holdTogether}>
          <Select label="Seats together" value={together} onChange={(e) => setTogether(e.currentTarget.value)}>
            {Array.from({ length: max }, (_, i) => <option key={i} value={i + 1}>{i + 1}</option>)}
          </Select>
          <button type="submit" disabled={busy}>Best {together} together</button>
        </form>
      )}
    </div>
  );
}

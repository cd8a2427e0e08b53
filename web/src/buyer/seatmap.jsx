// A reserved section's seat map: a button per seat, in rows from the stage outwards. Each state
// has a colour and a mark of its own (free: the number, picked: ✓, held: stripes, sold: ×), so
// the map reads without colour too, and each seat says its state in its accessible name.
import { money } from '../ui/common.jsx';

const STATES = { f: 'free', h: 'held', s: 'sold' };
const MARKS = { free: null, picked: '✓', held: '', sold: '×' };

/** Seat ID (SECTION-ROW-NUMBER) in words: "Row A seat 3". */
export function seatName(id) {
  const [, row, number] = id.split('-');
  return `Row ${row} seat ${number}`;
}

export function Legend() {
  return (
    <ul class="legend" aria-label="Seat states">
      {['free', 'picked', 'held', 'sold'].map((state) => (
        <li key={state}>
          <span class={`seat seat-${state} seat-sample`} aria-hidden="true">{MARKS[state] === null ? '1' : MARKS[state]}</span>
          {state === 'picked' ? 'your pick' : state}
        </li>
      ))}
    </ul>
  );
}

/**
 * {@code section} (the event's: id, name, priceCents), {@code rows} (the availability's),
 * {@code picked} (seat IDs) and {@code onToggle(seatId)}.
 */
export function SeatMap({ section, rows, picked, onToggle, currency }) {
  const price = money(section.priceCents, currency);
  return (
    <div class="seatmap-wrap">
      <p class="stage" aria-hidden="true">Stage</p>
      <div class="seatmap" role="group" aria-label={`Seat map of ${section.name}`}>
        {rows.map((row) => (
          <div class="seat-row" role="group" aria-label={`Row ${row.label}`} key={row.label}>
            <span class="row-label" aria-hidden="true">{row.label}</span>
            {[...row.seats].map((letter, i) => {
              const id = `${section.id}-${row.label}-${i + 1}`;
              const mine = picked.includes(id);
              const state = mine ? 'picked' : STATES[letter];
              const open = letter === 'f';
              return (
                <button type="button" key={id} class={`seat seat-${state}`} data-seat={id}
                  aria-label={`Row ${row.label} seat ${i + 1}, ${state === 'picked' ? 'picked' : STATES[letter]}, ${price}`}
                  aria-pressed={open ? String(mine) : undefined}
                  disabled={!open}
                  onClick={() => onToggle(id)}>
                  <span aria-hidden="true">{MARKS[state] === null ? i + 1 : MARKS[state]}</span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}

// A reserved section drawn as a seat map: one SVG path per seat state, not one element per
// seat, so a 20,000-seat section stays cheap to redraw on every keystroke or live change.
const SEAT = 10;
const STEP = 13;
const LABEL = 28;
const TOP = 26;

/**
 * {@code rows}: [{label, seats}] where seats is a count (a preview: every seat free) or a
 * string of states, one letter per seat (f free, h held, s sold) as the availability has it.
 */
export function SeatMap({ rows, name }) {
  const lines = rows.map((r) => (typeof r.seats === 'string' && /^[fhs]+$/.test(r.seats)
    ? r.seats
    : 'f'.repeat(Math.max(0, Math.min(500, Number(r.seats) || 0)))));
  const widest = Math.max(1, ...lines.map((l) => l.length));
  const width = LABEL + widest * STEP;
  const height = TOP + rows.length * STEP + 4;
  const paths = { f: '', h: '', s: '' };
  let total = 0;
  const counts = { f: 0, h: 0, s: 0 };
  lines.forEach((line, y) => {
    // Rows are centred, as in most halls, so a short front row sits in the middle.
    const left = LABEL + ((widest - line.length) * STEP) / 2;
    for (let x = 0; x < line.length; x++) {
      const state = paths[line[x]] !== undefined ? line[x] : 'f';
      paths[state] += `M${left + x * STEP} ${TOP + y * STEP}h${SEAT}v${SEAT}h-${SEAT}z`;
      counts[state]++;
      total++;
    }
  });
  const summary = `${name ? `${name}: ` : ''}${rows.length} ${rows.length === 1 ? 'row' : 'rows'}, ${total} seats`
    + (counts.h || counts.s ? ` (${counts.f} free, ${counts.h} held, ${counts.s} sold)` : '');
  return (
    <figure class="org-map">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Seat map. ${summary}`}
        preserveAspectRatio="xMidYMin meet" class="org-map-svg"
        style={{ maxWidth: `${Math.max(width, 160) * 2}px` }}>
        <rect x={LABEL} y="2" width={widest * STEP - (STEP - SEAT)} height="14" rx="3" class="org-stage" />
        <text x={LABEL + (widest * STEP) / 2} y="13" class="org-stage-text" text-anchor="middle">Stage</text>
        {rows.map((r, y) => (
          <text key={y} x={LABEL - 6} y={TOP + y * STEP + SEAT - 1} class="org-row-label" text-anchor="end">{r.label}</text>
        ))}
        <path d={paths.f} class="org-seat-f" />
        <path d={paths.h} class="org-seat-h" />
        <path d={paths.s} class="org-seat-s" />
      </svg>
      <figcaption class="muted">{summary}</figcaption>
    </figure>
  );
}

// The event editor's form state and the API's event body, both ways. The form keeps what
// people type (local date-times, prices in euros); the body is what EventInput asks for.

/** Fields an event on sale may still change (EventEditRoutes.AFTER_PUBLISH). */
export const AFTER_PUBLISH = ['name', 'description', 'category', 'venue', 'salesEndAt',
  'transfersAllowed', 'transferDeadline', 'rotatingCodes'];

let keys = 0;
/** A key for a section or row in the form, so Preact keeps inputs in place while editing. */
export const key = () => `k${++keys}`;

/** ISO → the value of an <input type="datetime-local"> in this browser's time zone. */
export function toLocal(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A datetime-local value → ISO; '' stays '' (left out or reset). */
export function fromLocal(local) {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

/** Row labels as venues use them: A…Z, then AA, AB… */
export function rowLabel(index) {
  let label = '';
  let n = index;
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

/** The next labels after the rows a section has, skipping labels it already uses. */
export function nextLabels(rows, count) {
  const used = new Set(rows.map((r) => r.label));
  const labels = [];
  for (let i = 0; labels.length < count; i++) {
    const label = rowLabel(i);
    if (!used.has(label)) labels.push(label);
  }
  return labels;
}

export function newSection(kind, sections) {
  const ids = new Set(sections.map((s) => s.id));
  let n = sections.length + 1;
  const prefix = kind === 'general' ? 'GA' : 'R';
  while (ids.has(`${prefix}${n}`)) n++;
  return {
    key: key(), id: `${prefix}${n}`, name: kind === 'general' ? 'Standing' : 'Seated', kind,
    price: '25.00', capacity: '100',
    rows: kind === 'reserved' ? nextLabels([], 3).map((label) => ({ key: key(), label, seats: '10' })) : [],
  };
}

export function blankForm() {
  const start = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  start.setHours(20, 0, 0, 0);
  const now = new Date();
  now.setSeconds(0, 0);
  return {
    name: '', description: '', category: '', venue: '',
    startsAt: toLocal(start.toISOString()),
    endsAt: toLocal(new Date(start.getTime() + 3 * 3600 * 1000).toISOString()),
    salesStartAt: toLocal(now.toISOString()), salesEndAt: '',
    currency: 'EUR', maxPerBuyer: '10', holdSeconds: '300',
    transfersAllowed: true, transferDeadline: '', rotatingCodes: false,
    sections: [newSection('general', [])],
  };
}

const cents = (price) => {
  const n = Number(String(price).replace(',', '.'));
  return Number.isFinite(n) && String(price).trim() !== '' ? Math.round(n * 100) : price;
};
const int = (v) => (String(v).trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/** An event as the API shows it → the form. */
export function toForm(event) {
  return {
    name: event.name, description: event.description || '', category: event.category || '',
    venue: event.venue || '',
    startsAt: toLocal(event.startsAt), endsAt: toLocal(event.endsAt),
    salesStartAt: toLocal(event.salesStartAt),
    // A sales end equal to the event's start or end is what most people mean by "no end of
    // its own"; show it anyway, so what is shown is what is stored.
    salesEndAt: toLocal(event.salesEndAt),
    currency: event.currency, maxPerBuyer: String(event.maxPerBuyer), holdSeconds: String(event.holdSeconds),
    transfersAllowed: event.transfersAllowed !== false, transferDeadline: toLocal(event.transferDeadline),
    rotatingCodes: !!event.rotatingCodes,
    sections: (event.sections || []).map((s) => ({
      key: key(), id: s.id, name: s.name, kind: s.kind, price: (s.priceCents / 100).toFixed(2),
      capacity: String(s.capacity),
      rows: (s.rows || []).map((r) => ({ key: key(), label: r.label, seats: String(r.seats) })),
    })),
  };
}

/**
 * The form → an EventInput body. Values that are not numbers are sent as typed, so the API's
 * validation names them rather than this page guessing.
 */
export function toBody(form) {
  const body = {
    name: form.name.trim(), description: form.description, category: form.category.trim(),
    venue: form.venue.trim(), startsAt: fromLocal(form.startsAt), endsAt: fromLocal(form.endsAt),
    salesStartAt: fromLocal(form.salesStartAt), currency: form.currency.trim().toUpperCase(),
    maxPerBuyer: int(form.maxPerBuyer), holdSeconds: int(form.holdSeconds),
    transfersAllowed: form.transfersAllowed, rotatingCodes: form.rotatingCodes,
    transferDeadline: form.transferDeadline ? fromLocal(form.transferDeadline) : null,
    salesEndAt: form.salesEndAt ? fromLocal(form.salesEndAt) : null,
    sections: form.sections.map((s) => {
      const section = { id: s.id.trim(), name: s.name.trim() || s.id.trim(), kind: s.kind, priceCents: cents(s.price) };
      if (s.kind === 'general') section.capacity = int(s.capacity);
      else section.rows = s.rows.map((r) => ({ label: r.label.trim(), seats: int(r.seats) }));
      return section;
    }),
  };
  return body;
}

/** A new event's body: empty optional fields are left out (the API's defaults apply). */
export function createBody(form) {
  const body = toBody(form);
  if (!body.salesEndAt) delete body.salesEndAt;
  if (!body.transferDeadline) delete body.transferDeadline;
  return body;
}

/**
 * The merge patch from {@code before} to {@code after} (both bodies): only changed fields, and
 * once published only those that may still change (the others are shown locked).
 */
export function patchBody(before, after, published) {
  const patch = {};
  for (const field of Object.keys(after)) {
    if (published && !AFTER_PUBLISH.includes(field)) continue;
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) patch[field] = after[field];
  }
  return patch;
}

/** Seats of a reserved section, or the capacity of a general one (NaN while mistyped). */
export function sectionSize(section) {
  if (section.kind === 'general') return Number(section.capacity);
  return section.rows.reduce((n, r) => n + (Number(r.seats) || 0), 0);
}

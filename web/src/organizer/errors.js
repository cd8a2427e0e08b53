// The API's field paths (`sections[1].rows[0].seats`) in the words the form uses, so a 422
// reads "Section R1, row A: seats must be between 1 and 500".
const NAMES = {
  name: 'Event name', description: 'Description', category: 'Category', venue: 'Venue',
  startsAt: 'Starts', endsAt: 'Ends', salesStartAt: 'Sales start', salesEndAt: 'Sales end',
  currency: 'Currency', maxPerBuyer: 'Tickets per buyer', holdSeconds: 'Hold time',
  transfersAllowed: 'Transfers', transferDeadline: 'Transfer deadline', rotatingCodes: 'Rotating codes',
  sections: 'Sections', id: 'code', kind: 'kind', priceCents: 'price', capacity: 'capacity',
  rows: 'rows', label: 'label', seats: 'seats',
};

/** A plain name for the API's {@code field}, reading section and row names from {@code body}. */
export function plainField(field, body) {
  const m = /^sections\[(\d+)\](?:\.(\w+))?(?:\[(\d+)\](?:\.(\w+))?)?$/.exec(field);
  if (!m) return NAMES[field] || field;
  const section = body && body.sections && body.sections[Number(m[1])];
  let words = `Section ${section && section.id ? section.id : Number(m[1]) + 1}`;
  if (m[3] !== undefined) {
    const row = section && section.rows && section.rows[Number(m[3])];
    words += `, row ${row && row.label ? row.label : Number(m[3]) + 1}`;
    if (m[4]) words += `: ${NAMES[m[4]] || m[4]}`;
  } else if (m[2]) {
    words += `: ${NAMES[m[2]] || m[2]}`;
  }
  return words;
}

/** The error with its field names in plain words, for <Problem>. */
export function plainErrors(error, body) {
  if (!error || !error.errors || error.errors.length === 0) return error;
  const plain = Object.create(Object.getPrototypeOf(error));
  Object.assign(plain, error);
  plain.errors = error.errors.map((e) => ({ field: plainField(e.field, body), message: e.message }));
  return plain;
}

/** field path → message, to show each message next to its input. */
export function errorMap(error) {
  const map = {};
  ((error && error.errors) || []).forEach((e) => { if (!map[e.field]) map[e.field] = e.message; });
  // An invalid-state refusal after publishing names the locked fields.
  const locked = (error && error.problem && error.problem.fields) || [];
  locked.forEach((f) => { if (!map[f]) map[f] = 'cannot change once the event is on sale'; });
  return map;
}

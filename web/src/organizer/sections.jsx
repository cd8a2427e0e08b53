// The section builder: general admission with a capacity, or reserved rows of seats, each
// previewed as a seat map while it is typed.
import { useState } from 'preact/hooks';
import { Select } from '../ui/common.jsx';
import { FormField } from './shared.jsx';
import { SeatMap } from './seatmap.jsx';
import { key, newSection, nextLabels, sectionSize } from './form.js';

export function SectionBuilder({ sections, onChange, locked, errors, currency }) {
  const update = (i, next) => onChange(sections.map((s, j) => (j === i ? { ...s, ...next } : s)));
  const remove = (i) => onChange(sections.filter((_, j) => j !== i));
  const total = sections.reduce((n, s) => n + (sectionSize(s) || 0), 0);
  return (
    <div class="org-sections">
      <h2 id="sections-title">Sections</h2>
      <p class="muted">
        {sections.length} {sections.length === 1 ? 'section' : 'sections'}, {total.toLocaleString()} tickets in all.
        {locked && ' Sections, prices and capacities are fixed once the event is on sale.'}
      </p>
      {errors.sections && <p class="org-error">Sections: {errors.sections}</p>}
      {sections.map((s, i) => (
        <SectionEditor key={s.key} index={i} section={s} locked={locked} errors={errors} currency={currency}
          onChange={(next) => update(i, next)} onRemove={sections.length > 1 ? () => remove(i) : null} />
      ))}
      {!locked && (
        <div class="org-actions">
          <button type="button" onClick={() => onChange([...sections, newSection('general', sections)])}>
            Add a standing section
          </button>
          <button type="button" onClick={() => onChange([...sections, newSection('reserved', sections)])}>
            Add a seated section
          </button>
        </div>
      )}
    </div>
  );
}

function SectionEditor({ index, section, locked, errors, currency, onChange, onRemove }) {
  const at = (field) => errors[`sections[${index}].${field}`];
  const legend = `Section ${index + 1}`;
  return (
    <fieldset class="org-section" disabled={locked}>
      <legend>{legend}{section.id ? ` · ${section.id}` : ''}</legend>
      {errors[`sections[${index}]`] && <p class="org-error">{errors[`sections[${index}]`]}</p>}
      <div class="org-grid">
        <FormField label="Code" value={section.id} error={at('id')} maxLength={16}
          hint="Letters and digits, up to 16; buyers see it on tickets"
          onInput={(e) => onChange({ id: e.currentTarget.value })} />
        <FormField label="Section name" value={section.name} error={at('name')} maxLength={200}
          onInput={(e) => onChange({ name: e.currentTarget.value })} />
        <Select label="Kind" value={section.kind}
          onChange={(e) => onChange(kindChange(section, e.currentTarget.value))}>
          <option value="general">Standing (general admission)</option>
          <option value="reserved">Seated (reserved rows)</option>
        </Select>
        <FormField label={`Price (${currency || 'EUR'})`} inputMode="decimal" value={section.price}
          error={at('priceCents')} onInput={(e) => onChange({ price: e.currentTarget.value })} />
        {section.kind === 'general' && (
          <FormField label="Capacity" type="number" min="1" max="1000000" value={section.capacity}
            error={at('capacity')} onInput={(e) => onChange({ capacity: e.currentTarget.value })} />
        )}
      </div>
      {section.kind === 'reserved' && (
        <Rows index={index} section={section} errors={errors} locked={locked} onChange={onChange} />
      )}
      {onRemove && !locked && (
        <button type="button" class="link org-remove" onClick={onRemove}>Remove section {section.id || index + 1}</button>
      )}
    </fieldset>
  );
}

/** Switching kind keeps what was typed for the other kind, so switching back loses nothing. */
function kindChange(section, kind) {
  if (kind === 'reserved' && section.rows.length === 0) {
    return { kind, rows: nextLabels([], 3).map((label) => ({ key: key(), label, seats: '10' })) };
  }
  return { kind };
}

function Rows({ index, section, errors, locked, onChange }) {
  const [count, setCount] = useState('5');
  const [seats, setSeats] = useState('20');
  const rows = section.rows;
  const setRow = (j, next) => onChange({ rows: rows.map((r, k) => (k === j ? { ...r, ...next } : r)) });
  const addRows = (n, m) => {
    const labels = nextLabels(rows, Math.max(0, Math.min(500 - rows.length, n)));
    onChange({ rows: [...rows, ...labels.map((label) => ({ key: key(), label, seats: String(m) }))] });
  };
  const at = (j, field) => errors[`sections[${index}].rows[${j}].${field}`] || (field === 'label' && errors[`sections[${index}].rows[${j}]`]);
  return (
    <div class="org-rows">
      <h3>Rows, nearest the stage first</h3>
      {errors[`sections[${index}].rows`] && <p class="org-error">Rows: {errors[`sections[${index}].rows`]}</p>}
      <ol class="org-row-list">
        {rows.map((r, j) => (
          <li key={r.key} class="org-row">
            <FormField label={`Row ${j + 1} label`} value={r.label} maxLength={8} error={at(j, 'label')}
              onInput={(e) => setRow(j, { label: e.currentTarget.value })} />
            <FormField label={`Row ${j + 1} seats`} type="number" min="1" max="500" value={r.seats}
              error={at(j, 'seats')} onInput={(e) => setRow(j, { seats: e.currentTarget.value })} />
            {!locked && (
              <button type="button" class="org-row-remove" aria-label={`Remove row ${r.label || j + 1}`}
                onClick={() => onChange({ rows: rows.filter((_, k) => k !== j) })}>Remove</button>
            )}
          </li>
        ))}
      </ol>
      {!locked && (
        <div class="org-bulk">
          <button type="button" onClick={() => addRows(1, rows.length ? rows[rows.length - 1].seats : 10)}>Add a row</button>
          <div class="org-bulk-form" role="group" aria-label={`Add several rows to section ${index + 1}`}>
            <FormField label="Rows to add" type="number" min="1" max="500" value={count}
              onInput={(e) => setCount(e.currentTarget.value)} />
            <FormField label="Seats in each" type="number" min="1" max="500" value={seats}
              onInput={(e) => setSeats(e.currentTarget.value)} />
            <button type="button" onClick={() => addRows(Number(count) || 0, Number(seats) || 1)}>
              Add {Number(count) || 0} rows of {Number(seats) || 0} seats
            </button>
          </div>
        </div>
      )}
      <SeatMap rows={rows.map((r) => ({ label: r.label, seats: Number(r.seats) || 0 }))}
        name={`Preview of section ${section.id || index + 1}`} />
    </div>
  );
}

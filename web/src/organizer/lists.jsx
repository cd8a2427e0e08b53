// Check-in lists: an event's entrances, each admitting some sections during a window, with
// its own scanners. Created, edited and deleted here; scanned at on the door pages.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Problem, Loading, useLoad, when } from '../ui/common.jsx';
import { FormField, Confirm, AddRefusal } from './shared.jsx';
import { toLocal, fromLocal } from './form.js';
import { errorMap } from './errors.js';

export function CheckinLists({ event, onChanged }) {
  const base = `/v1/events/${event.id}/checkin-lists`;
  const [version, setVersion] = useState(0);
  const lists = useLoad(() => api(base), [base, version]);
  const changed = () => {
    setVersion((n) => n + 1);
    onChanged();
  };
  const [creating, setCreating] = useState(false);
  const create = async (body) => {
    await api(base, { method: 'POST', body });
    setCreating(false);
    changed();
  };
  const items = (lists.data && lists.data.items) || [];
  return (
    <section aria-labelledby="lists-title">
      <h2 id="lists-title">Entrances (check-in lists)</h2>
      <p class="muted">Optional. An entrance admits some sections, in a time window, scanned by its own staff.
        Without any, every staff member admits every ticket.</p>
      <Problem error={lists.error} />
      {lists.loading && !lists.data && <Loading what="Loading the entrances" />}
      <ul class="org-lists">
        {items.map((l) => (
          <ListItem key={l.id} list={l} event={event} base={base} onChanged={changed} />
        ))}
      </ul>
      {creating
        ? <ListForm event={event} submit="Create entrance" onSubmit={create} onCancel={() => setCreating(false)} />
        : <button type="button" onClick={() => setCreating(true)}>New entrance</button>}
    </section>
  );
}

function sectionsText(list, event) {
  if (!list.sectionIds) return 'every section';
  const names = Object.fromEntries(event.sections.map((s) => [s.id, s.name]));
  return list.sectionIds.map((id) => names[id] || id).join(', ');
}

function ListItem({ list, event, base, onChanged }) {
  const [mode, setMode] = useState('');
  const [error, setError] = useState(null);
  const path = `${base}/${list.id}`;
  const edit = async (body) => {
    await api(path, { method: 'PATCH', body });
    setMode('');
    onChanged();
  };
  const remove = async () => {
    setError(null);
    try {
      await api(path, { method: 'DELETE' });
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li class="card">
      <h3>{list.name}</h3>
      <p>Admits {sectionsText(list, event)}{list.reentry ? ', lets people back in' : ''}.</p>
      <p class="muted">
        {list.opensAt ? `Opens ${when(list.opensAt)}` : 'Open from the start'}
        {' · '}{list.closesAt ? `closes ${when(list.closesAt)}` : 'no closing time'}
        {typeof list.staffCount === 'number' ? ` · ${list.staffCount} staff` : ''}
      </p>
      <Problem error={error} />
      {mode === 'edit' && (
        <ListForm event={event} list={list} submit="Save entrance" onSubmit={edit} onCancel={() => setMode('')} />
      )}
      {mode === 'staff' && <ListStaff path={path} onChanged={onChanged} />}
      <div class="org-actions">
        <button type="button" aria-expanded={mode === 'edit'} onClick={() => setMode(mode === 'edit' ? '' : 'edit')}>
          Edit {list.name}
        </button>
        <button type="button" aria-expanded={mode === 'staff'} onClick={() => setMode(mode === 'staff' ? '' : 'staff')}>
          Staff of {list.name}
        </button>
        <Confirm label={`Delete ${list.name}`} yes="Yes, delete it" no="Keep it"
          question={`Delete the entrance ${list.name}? An entrance where tickets were scanned stays.`}
          onConfirm={remove} />
      </div>
    </li>
  );
}

function ListStaff({ path, onChanged }) {
  const detail = useLoad(() => api(path), [path]);
  const [email, setEmail] = useState('');
  const [error, setError] = useState(null);
  const run = async (call) => {
    setError(null);
    try {
      await call();
      detail.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const add = (e) => {
    e.preventDefault();
    run(async () => {
      await api(`${path}/staff`, { method: 'POST', body: { email: email.trim() } });
      setEmail('');
    });
  };
  const staff = (detail.data && detail.data.staff) || [];
  return (
    <div class="org-list-staff">
      <Problem error={detail.error} />
      {detail.loading && !detail.data && <Loading what="Loading the entrance's staff" />}
      {detail.data && staff.length === 0 && <p>Nobody scans here yet.</p>}
      <ul class="org-people">
        {staff.map((m) => (
          <li key={m.userId}>
            <span><strong>{m.name}</strong> {m.email}</span>
            <button type="button" onClick={() => run(() => api(`${path}/staff/${m.userId}`, { method: 'DELETE' }))}>
              Remove {m.name}
            </button>
          </li>
        ))}
      </ul>
      <form class="org-inline-form" onSubmit={add}>
        <FormField label="Email of a scanner for this entrance" type="email" autoComplete="off" value={email}
          onInput={(e) => setEmail(e.currentTarget.value)} />
        <button type="submit">Add scanner</button>
      </form>
      <AddRefusal error={error} />
    </div>
  );
}

/** Creates or edits a list; every section ticked means "every section" (null), so new sections count. */
function ListForm({ event, list, submit, onSubmit, onCancel }) {
  const all = event.sections.map((s) => s.id);
  const [name, setName] = useState(list ? list.name : '');
  const [picked, setPicked] = useState(list && list.sectionIds ? list.sectionIds : all);
  const [opensAt, setOpensAt] = useState(list ? toLocal(list.opensAt) : '');
  const [closesAt, setClosesAt] = useState(list ? toLocal(list.closesAt) : '');
  const [reentry, setReentry] = useState(list ? list.reentry : false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const errors = errorMap(error);
  const send = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        name: name.trim(),
        sectionIds: picked.length === all.length ? null : picked,
        opensAt: opensAt ? fromLocal(opensAt) : null,
        closesAt: closesAt ? fromLocal(closesAt) : null,
        reentry,
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id) => setPicked(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id]);
  return (
    <form class="org-list-form" onSubmit={send} noValidate>
      <FormField label="Entrance name" value={name} maxLength={100} error={errors.name}
        onInput={(e) => setName(e.currentTarget.value)} />
      <fieldset>
        <legend>Sections it admits</legend>
        {event.sections.map((s) => (
          <label key={s.id} class="org-check">
            <input type="checkbox" checked={picked.includes(s.id)} onChange={() => toggle(s.id)} /> {s.name} ({s.id})
          </label>
        ))}
        {errors.sectionIds && <p class="org-error">{errors.sectionIds}</p>}
      </fieldset>
      <FormField label="Opens" type="datetime-local" value={opensAt} error={errors.opensAt}
        hint="Empty: open from the start" onInput={(e) => setOpensAt(e.currentTarget.value)} />
      <FormField label="Closes" type="datetime-local" value={closesAt} error={errors.closesAt}
        hint="Empty: no closing time" onInput={(e) => setClosesAt(e.currentTarget.value)} />
      <label class="org-check">
        <input type="checkbox" checked={reentry} onChange={(e) => setReentry(e.currentTarget.checked)} /> Let people back in (re-entry)
      </label>
      <Problem error={error} />
      <div class="org-actions">
        <button type="submit" class="primary" disabled={busy}>{submit}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

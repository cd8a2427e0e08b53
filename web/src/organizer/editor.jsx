// Creating and editing an event: its details, rules and sections, then publishing, closing
// and cancelling it. A draft may change anything; once on sale only AFTER_PUBLISH may.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { navigate, useLocation } from '../lib/router.js';
import { Page, Problem, Notice, Loading } from '../ui/common.jsx';
import { EventNav, StatusTag, FormField, useOrganizer, NotOrganizer } from './shared.jsx';
import { SectionBuilder } from './sections.jsx';
import { Lifecycle } from './lifecycle.jsx';
import { AFTER_PUBLISH, blankForm, toForm, toBody, createBody, patchBody } from './form.js';
import { plainErrors, errorMap } from './errors.js';
import './organizer.css';

export function EventEditor({ eventId }) {
  const organizer = useOrganizer();
  const { query } = useLocation();
  const [event, setEvent] = useState(null);
  const [form, setForm] = useState(eventId ? null : blankForm());
  const [loadError, setLoadError] = useState(null);
  useEffect(() => {
    if (!eventId) {
      setEvent(null);
      setForm(blankForm());
      return;
    }
    setForm(null);
    api(`/v1/events/${eventId}`).then((e) => { setEvent(e); setForm(toForm(e)); }, setLoadError);
  }, [eventId]);
  if (!organizer) return <Page title="Event"><NotOrganizer /></Page>;
  if (loadError) return <Page title="Event"><Problem error={loadError} /></Page>;
  if (!form) return <Page title="Event"><Loading what="Loading the event" /></Page>;
  return <Editor key={eventId || 'new'} event={event} initial={form} onSaved={setEvent}
    created={query.get('created') === '1'} />;
}

function Editor({ event, initial, onSaved, created }) {
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(() => toBody(initial));
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(created ? 'Saved as a draft. Publish it when it is ready.' : '');
  const [busy, setBusy] = useState(false);
  const status = event ? event.status : 'draft';
  const published = status !== 'draft';
  const frozen = status === 'ended' || status === 'cancelled';
  const locked = (field) => frozen || (published && !AFTER_PUBLISH.includes(field));
  const body = toBody(form);
  const dirty = !event || Object.keys(patchBody(saved, body, published)).length > 0;
  const errors = errorMap(error);
  const set = (field) => (e) => {
    const t = e.currentTarget;
    setForm({ ...form, [field]: t.type === 'checkbox' ? t.checked : t.value });
  };

  /** Saves the form; resolves to the saved event, or null when the API refused it. */
  const save = async () => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      let result;
      if (!event) {
        result = await api('/v1/events', { method: 'POST', body: createBody(form) });
        navigate(`/organizer/events/${result.id}/edit?created=1`, { replace: true });
        return result;
      }
      const patch = patchBody(saved, body, published);
      if (Object.keys(patch).length === 0) {
        setNotice('Nothing changed.');
        return event;
      }
      result = await api(`/v1/events/${event.id}`, { method: 'PATCH', body: patch });
      setSaved(body);
      onSaved(result);
      setNotice('Saved.');
      return result;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setBusy(false);
    }
  };
  const field = (name, label, props = {}) => (
    <FormField label={label} value={form[name]} error={errors[name]} disabled={locked(name)}
      onInput={set(name)} {...props} />
  );

  return (
    <Page title={event ? `Edit: ${event.name}` : 'New event'} wide>
      {event && <EventNav eventId={event.id} current="edit" />}
      {event && <p>Status: <StatusTag status={status} /></p>}
      {published && !frozen && (
        <Notice>This event is on sale: only its name, description, category, venue, end of sales and
          transfer and door rules can change. Locked fields are greyed out.</Notice>
      )}
      <form class="org-editor" noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
        <div class="org-columns">
          <div>
            <h2>About</h2>
            {field('name', 'Event name', { maxLength: 200, required: true })}
            <div class={errors.description ? 'field org-invalid' : 'field'}>
              <label for="event-description">Description</label>
              <textarea id="event-description" rows={4} maxLength={5000} value={form.description}
                disabled={locked('description')} onInput={set('description')} />
            </div>
            {field('category', 'Category', { maxLength: 64, hint: 'For example music, theatre, sport' })}
            {field('venue', 'Venue', { maxLength: 200 })}
          </div>
          <div>
            <h2>When</h2>
            {field('startsAt', 'Starts', { type: 'datetime-local' })}
            {field('endsAt', 'Ends', { type: 'datetime-local' })}
            {field('salesStartAt', 'Sales start', { type: 'datetime-local' })}
            {field('salesEndAt', 'Sales end', { type: 'datetime-local', hint: 'Empty: until the event ends' })}
          </div>
          <div>
            <h2>Rules</h2>
            {field('currency', 'Currency', { maxLength: 3, hint: 'A three-letter code such as EUR' })}
            {field('maxPerBuyer', 'Tickets per buyer', { type: 'number', min: 1, max: 100 })}
            {field('holdSeconds', 'Hold time (seconds)', { type: 'number', min: 60, max: 1800,
              hint: 'How long held tickets wait for payment, 60 to 1800' })}
            <Check label="Holders may transfer tickets" checked={form.transfersAllowed}
              disabled={locked('transfersAllowed')} onChange={set('transfersAllowed')} />
            {form.transfersAllowed && field('transferDeadline', 'Transfer deadline',
              { type: 'datetime-local', hint: 'Empty: until the event starts' })}
            <Check label="Require rotating codes at the door" checked={form.rotatingCodes}
              disabled={locked('rotatingCodes')} onChange={set('rotatingCodes')}
              hint="Screenshots of tickets stop working: holders show the live code in the app." />
          </div>
        </div>
        <SectionBuilder sections={form.sections} locked={locked('sections')} errors={errors}
          currency={form.currency} onChange={(sections) => setForm({ ...form, sections })} />
        <div class="org-save" aria-live="polite">
          <Problem error={plainErrors(error, body)} />
          {notice && <Notice kind="success">{notice}</Notice>}
        </div>
        {!frozen && (
          <div class="org-actions">
            <button type="submit" class="primary" disabled={busy}>
              {event ? 'Save changes' : 'Save as draft'}
            </button>
            {event && dirty && <span class="muted">Unsaved changes</span>}
          </div>
        )}
      </form>
      {event && <Lifecycle event={event} dirty={dirty} save={save} onChanged={(e) => {
        const fresh = toForm(e);
        setForm(fresh);
        setSaved(toBody(fresh));
        setError(null);
        setNotice('');
        onSaved(e);
      }} />}
    </Page>
  );
}

function Check({ label, hint, ...input }) {
  return (
    <div class="field org-check">
      <label>
        <input type="checkbox" {...input} /> {label}
      </label>
      {hint && <small class="muted">{hint}</small>}
    </div>
  );
}

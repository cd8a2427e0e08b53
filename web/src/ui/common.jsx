// Small pieces every page uses: the page frame, form fields with labels, refusals in plain
// words, and data loading.
import { useEffect, useState, useCallback } from 'preact/hooks';
import { explain } from '../lib/problems.js';

/** A page: sets the document title and gives the page its one h1. */
export function Page({ title, children, wide = false }) {
  useEffect(() => {
    document.title = title ? `${title} · Holdfast` : 'Holdfast';
  }, [title]);
  return (
    <section class={wide ? 'page page-wide' : 'page'} aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {children}
    </section>
  );
}

/** A refusal from the API, in plain words, with what to do next. */
export function Problem({ error, children }) {
  if (!error) return null;
  const words = explain(error);
  return (
    <div class="notice notice-error" role="alert" data-problem={error.slug}>
      <strong>{words.title}</strong>
      {words.next && <p>{words.next}</p>}
      {words.detail && words.detail !== words.next && <p class="muted">{words.detail}</p>}
      {words.fields.length > 0 && (
        <ul>{words.fields.map((f) => <li key={f.field}>{f.field}: {f.message}</li>)}</ul>
      )}
      {children}
    </div>
  );
}

export function Notice({ kind = 'info', children }) {
  return <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>{children}</div>;
}

let fieldIds = 0;
/** A labelled input; {@code hint} is read out with it. */
export function Field({ label, hint, id, ...input }) {
  const [own] = useState(() => id || `f${++fieldIds}`);
  return (
    <div class="field">
      <label for={own}>{label}</label>
      <input id={own} aria-describedby={hint ? `${own}-hint` : undefined} {...input} />
      {hint && <small id={`${own}-hint`} class="muted">{hint}</small>}
    </div>
  );
}

export function Select({ label, id, children, ...select }) {
  const [own] = useState(() => id || `f${++fieldIds}`);
  return (
    <div class="field">
      <label for={own}>{label}</label>
      <select id={own} {...select}>{children}</select>
    </div>
  );
}

export function Loading({ what = 'Loading' }) {
  return <p class="muted" role="status" aria-live="polite">{what}…</p>;
}

/**
 * Loads with {@code load} (a function returning a promise) when {@code deps} change:
 * {data, error, loading, reload}.
 */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const run = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => { live = false; };
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/** Money in the event's currency, from cents. */
export function money(cents, currency = 'EUR') {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format((cents || 0) / 100);
}

export function when(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

// The one way the app calls the API: JSON in and out, the access token from the session, one
// refresh and retry when it has expired, and every refusal as an ApiError read from the
// problem+json the API answers.
import { session, refreshSession } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    /** The problem's slug: https://holdfast.dev/problems/sold-out → sold-out. */
    this.slug = (problem.type || '').split('/').pop() || 'about:blank';
    this.errors = problem.errors || [];
  }
}

/** A fresh key for one attempt of an unsafe call; a retry of the same attempt reuses it. */
export function idempotencyKey() {
  return crypto.randomUUID();
}

/**
 * Calls the API. {@code body} is sent as JSON; {@code key} is the Idempotency-Key; {@code as}
 * is 'json' (the default), 'blob' or 'response'.
 */
export async function api(path, { method = 'GET', body, key, as = 'json', headers = {}, retry = true } = {}) {
  const token = session.get().accessToken;
  const sent = { ...headers };
  if (token) sent.Authorization = `Bearer ${token}`;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (key) sent['Idempotency-Key'] = key;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, { type: 'network', title: 'No connection',
      detail: 'The server could not be reached. Check your connection and try again.' });
  }
  if (response.status === 401 && token && retry && !path.startsWith('/v1/auth/')) {
    if (await refreshSession()) {
      return api(path, { method, body, key, as, headers, retry: false });
    }
  }
  if (!response.ok) {
    let problem = { title: response.statusText, detail: `The server answered ${response.status}` };
    try {
      problem = await response.json();
    } catch (e) { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, problem);
  }
  if (as === 'response') return response;
  if (as === 'blob') return response.blob();
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A thing that names its event (an order, a ticket) and that event, or null when the event
 * cannot be read (the thing is still worth showing without it). */
export async function withEvent(path) {
  const thing = await api(path);
  const event = await api(`/v1/events/${thing.eventId}`).catch(() => null);
  return { thing, event };
}

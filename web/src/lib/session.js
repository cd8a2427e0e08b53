// Who is signed in. The access token lives only in this page's memory; the refresh token is an
// httpOnly cookie no script can read (the API sets it when asked with X-Holdfast-Session:
// cookie), and what it authorises repeats the readable hf_csrf cookie in X-Holdfast-CSRF.
import { store } from './store.js';
import { ApiError } from './api.js';

export const session = store({ ready: false, user: null, accessToken: null });

const COOKIE_MODE = { 'X-Holdfast-Session': 'cookie' };
let refreshTimer = 0;
const RETRY_OFFLINE_MS = 30000;
let refreshing = null;

function csrf() {
  const found = document.cookie.split('; ').find((c) => c.startsWith('hf_csrf='));
  return found ? found.slice('hf_csrf='.length) : null;
}

function begin(tokens) {
  session.set({ ready: true, user: tokens.user, accessToken: tokens.accessToken });
  clearTimeout(refreshTimer);
  // Refresh ahead of expiry, so a buyer mid-checkout never meets an expired token.
  const ms = Math.max(5, (tokens.expiresIn || 300) * 0.8) * 1000;
  refreshTimer = setTimeout(() => refreshSession(), ms);
}

function end() {
  clearTimeout(refreshTimer);
  session.set({ ready: true, user: null, accessToken: null });
}

async function post(path, body, extra = {}) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...COOKIE_MODE, ...extra, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  return { ok: response.ok, status: response.status, json };
}

/**
 * Trades the refresh cookie for a new access token; false when there is no session. One
 * refresh at a time in all of this browser's tabs: a refresh token used twice ends its session.
 */
export function refreshSession() {
  if (refreshing) return refreshing;
  const run = async () => {
    if (!csrf()) {
      end();
      return false;
    }
    let result;
    try {
      result = await post('/v1/auth/refresh', null, { 'X-Holdfast-CSRF': csrf() });
    } catch (e) {
      // No network is not a refusal: a door scanning offline must not be logged out when its
      // access token runs out. Keep the user and try again soon; the refresh cookie still holds.
      if (!session.get().user) {
        end();
        return false;
      }
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => refreshSession(), RETRY_OFFLINE_MS);
      return false;
    }
    if (result.ok) {
      begin(result.json);
      return true;
    }
    end();
    return false;
  };
  const locked = navigator.locks
    ? navigator.locks.request('holdfast-refresh', run)
    : run();
  refreshing = locked.catch(() => {
    end();
    return false;
  }).finally(() => { refreshing = null; });
  return refreshing;
}

/** On page load: resume the session the cookie holds, if any. */
export function restoreSession() {
  return refreshSession();
}

/** Logs in; resolves to null, or rejects with the API's problem. */
export async function login(email, password) {
  const result = await post('/v1/auth/login', { email, password });
  if (!result.ok) throw new ApiError(result.status, result.json || {});
  begin(result.json);
}

export async function register(name, email, password) {
  const result = await post('/v1/auth/register', { name, email, password });
  if (!result.ok) throw new ApiError(result.status, result.json || {});
  begin(result.json);
}

export async function logout() {
  const token = session.get().accessToken;
  if (token && csrf()) {
    await fetch('/v1/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Authorization: `Bearer ${token}`, 'X-Holdfast-CSRF': csrf() },
    }).catch(() => {});
  }
  end();
}

/** Whether the signed-in account has {@code role} (buyer, organizer, staff, admin, partner). */
export function hasRole(role) {
  const user = session.get().user;
  return !!user && (user.roles || []).includes(role);
}

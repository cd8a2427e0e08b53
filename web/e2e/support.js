// What the browser tests share: accounts and events made through the API, the mail catcher,
// screenshots at phone and desktop width, and the accessibility check.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

export const BASE = process.env.HOLDFAST_URL || 'http://127.0.0.1:8080';
export const MAIL = process.env.HOLDFAST_MAIL_URL || '';
export const ORGANIZER = {
  email: process.env.HOLDFAST_ORGANIZER_EMAIL || 'organizer@holdfast.dev',
  password: process.env.HOLDFAST_ORGANIZER_PASSWORD || 'holdfast-demo',
};
export const SHOTS = 'target/screenshots';
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };

let counter = 0;
/** A name no other run of the tests used. */
export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;
}

/** Calls the API with Node's fetch: {status, body}. */
export async function call(path, { method = 'GET', token, body, key } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  const response = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = text; }
  return { status: response.status, body: json };
}

export async function loginApi(email, password) {
  const r = await call('/v1/auth/login', { method: 'POST', body: { email, password } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.accessToken;
}

/** A new buyer account through the API: {email, password, name, token}. */
export async function newBuyer() {
  const email = `${unique('buyer')}@test.holdfast.dev`;
  const password = 'correct-horse-battery';
  const name = 'Test Buyer';
  const r = await call('/v1/auth/register', { method: 'POST', body: { email, password, name } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { email, password, name, token: r.body.accessToken };
}

/**
 * A published event of the organizer's, on sale now: sections as the API takes them (the
 * default is a general-admission section GA of 100 and a reserved section R of 3 rows of 8).
 */
export async function publishedEvent(overrides = {}) {
  const token = await loginApi(ORGANIZER.email, ORGANIZER.password);
  const start = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const body = {
    name: unique('Browser Night'),
    description: 'An event the browser tests made',
    category: 'music',
    venue: 'The Test Hall',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3 * 3600 * 1000).toISOString(),
    salesStartAt: new Date(Date.now() - 60_000).toISOString(),
    currency: 'EUR',
    maxPerBuyer: 10,
    holdSeconds: 600,
    sections: [
      { id: 'GA', name: 'Standing', kind: 'general', priceCents: 2500, capacity: 100 },
      { id: 'R', name: 'Balcony', kind: 'reserved', priceCents: 4500,
        rows: [{ label: 'A', seats: 8 }, { label: 'B', seats: 8 }, { label: 'C', seats: 8 }] },
    ],
    ...overrides,
  };
  const created = await call('/v1/events', { method: 'POST', token, body, key: unique('create') });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await call(`/v1/events/${created.body.id}/publish`, { method: 'POST', token, key: unique('publish') });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return { ...created.body, organizerToken: token };
}

/** Logs in through the page, as a person would. */
export async function logIn(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

/** Screenshots of the page as it is, at phone and at desktop width: target/screenshots/NAME-*.png. */
export async function shoot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

/** No serious or critical accessibility violation on the page as it is (axe-core). */
export async function accessible(page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
}

/** The mail caught for {@code address}, newest last: [{id, to, subject, ...}]. */
export async function mailFor(address) {
  expect(MAIL, 'HOLDFAST_MAIL_URL names the mail catcher').not.toBe('');
  const response = await fetch(MAIL.replace(/\/?$/, '/'));
  const all = await response.json();
  return all.filter((m) => JSON.stringify(m.to).includes(address));
}

/** One caught mail as it went over the wire, quoted-printable soft breaks undone. */
export async function mail(id) {
  const response = await fetch(MAIL.replace(/\/?$/, '/') + id);
  const raw = await response.text();
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

/**
 * The token of the newest link mailed to {@code address} whose subject matches {@code subject}
 * (waiting for it to arrive): what the page of the link takes.
 */
export async function mailedToken(address, subject) {
  let token = null;
  await expect.poll(async () => {
    const found = (await mailFor(address)).filter((m) => subject.test(m.subject));
    if (found.length === 0) return null;
    const text = await mail(found[found.length - 1].id);
    const match = /token=([A-Za-z0-9_-]+)/.exec(text);
    token = match ? match[1] : null;
    return token;
  }, { timeout: 30_000, message: `a mail to ${address} matching ${subject}` }).toBeTruthy();
  return token;
}

/**
 * A purchase through the API, as the README's curl walk makes it: hold, checkout, simulated
 * payment, then the order it became. {holdId, paymentId, orderId}.
 */
export async function buy(buyer, eventId, hold) {
  const held = await call(`/v1/events/${eventId}/holds`, { method: 'POST', token: buyer.token, body: hold, key: unique('hold') });
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  const checkout = await call(`/v1/holds/${held.body.holdId}/checkout`, { method: 'POST', token: buyer.token, key: unique('checkout') });
  expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
  const paid = await call(`/v1/payments/${checkout.body.paymentId}/simulate`, { method: 'POST', token: buyer.token, body: { outcome: 'succeeded' } });
  expect(paid.status, JSON.stringify(paid.body)).toBe(202);
  let orderId = null;
  await expect.poll(async () => {
    orderId = (await call(`/v1/payments/${checkout.body.paymentId}`, { token: buyer.token })).body.orderId;
    return orderId;
  }, { timeout: 30_000 }).toBeTruthy();
  return { holdId: held.body.holdId, paymentId: checkout.body.paymentId, orderId };
}

// The frame every page shares: served by the edge, a session kept in an httpOnly cookie.
import { test, expect } from '@playwright/test';
import { BASE, newBuyer, logIn, shoot, accessible } from './support.js';

test('the front page lists events, with no outside host and a strict policy', async ({ page }) => {
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(BASE)) outside.push(r.url()); });
  const response = await page.goto('/');
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(response.headers()['cache-control']).toBe('no-cache');
  await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();
  expect(outside).toEqual([]);
  await accessible(page);
  await shoot(page, 'events');
});

test('a session survives a reload, and no script can read its refresh token', async ({ page, context }) => {
  const buyer = await newBuyer();
  await logIn(page, buyer);
  const cookies = await context.cookies();
  const refresh = cookies.find((c) => c.name === 'hf_refresh');
  expect(refresh.httpOnly).toBe(true);
  expect(refresh.sameSite).toBe('Strict');
  expect(await page.evaluate(() => document.cookie)).not.toContain('hf_refresh');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('the login page is accessible', async ({ page }) => {
  await page.goto('/login');
  await accessible(page);
  await shoot(page, 'login');
});

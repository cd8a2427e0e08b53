// Admins: partners and roles, as the demo admin (HOLDFAST_ADMIN_EMAIL and
// HOLDFAST_ADMIN_PASSWORD; the demo data's admin@holdfast.dev by default).
import { test, expect } from '@playwright/test';
import { newBuyer, logIn, shoot, accessible, ORGANIZER } from './support.js';

const ADMIN = {
  email: process.env.HOLDFAST_ADMIN_EMAIL || 'admin@holdfast.dev',
  password: process.env.HOLDFAST_ADMIN_PASSWORD || 'holdfast-demo',
};

test('someone who is not an admin is plainly not allowed', async ({ page }) => {
  await logIn(page, ORGANIZER);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(page.getByText('Not allowed')).toBeVisible();
  await expect(page.getByText('Only admins may open this page.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create partner' })).toHaveCount(0);
  await accessible(page);
  await shoot(page, 'admin-not-allowed');
});

test('the admin forms, with the admin role given in this browser only: the API still refuses', async ({ page }) => {
  // The session's user is rewritten on its way into the page, so the forms show; every call
  // still carries the buyer's real token, and the API answers 403 — shown in plain words.
  await page.route(/\/v1\/auth\/(login|refresh)$/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    if (body.user) body.user.roles = [...body.user.roles, 'admin'];
    await route.fulfill({ response, json: body });
  });
  const buyer = await newBuyer();
  await logIn(page, buyer);
  await page.goto('/admin');
  await page.getByLabel('Partner name').fill('Resale Corp');
  await page.getByLabel('Requests per minute').fill('1200');
  await page.getByRole('button', { name: 'Create partner' }).click();
  await expect(page.locator('[data-problem="forbidden"]')).toContainText('Not allowed');
  await page.getByLabel('Account email').fill(buyer.email);
  await page.getByRole('radiogroup', { name: 'Organizer' }).getByLabel('Grant').check();
  await page.getByRole('button', { name: 'Change roles' }).click();
  await expect(page.locator('[data-problem="forbidden"]')).toHaveCount(2);
  await accessible(page);
});

test('an admin creates a partner, sees its secret once, and grants a role', async ({ page }) => {
  const buyer = await newBuyer();
  await logIn(page, ADMIN);
  await page.goto('/admin');
  await page.getByLabel('Partner name').fill('Resale Corp');
  await page.getByLabel('Requests per minute').fill('1200');
  await page.getByRole('button', { name: 'Create partner' }).click();
  await expect(page.getByText('it is shown only this once')).toBeVisible();
  await expect(page.locator('.adm-secret code').first()).toHaveText(/^hfp_/);
  await page.getByLabel('Account email').fill(buyer.email.toUpperCase());
  await page.getByRole('radiogroup', { name: 'Organizer' }).getByLabel('Grant').check();
  await page.getByRole('button', { name: 'Change roles' }).click();
  await expect(page.getByText(/now has: buyer, organizer/)).toBeVisible();
  await accessible(page);
  await shoot(page, 'admin');
});

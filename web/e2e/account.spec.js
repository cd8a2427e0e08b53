// Accounts in the page: register, confirm the email with the mailed link, change the name,
// forget the password and set a new one with the mailed link, log in with it.
import { test, expect } from '@playwright/test';
import { unique, logIn, shoot, accessible, mailedToken } from './support.js';

test('a new account confirms its email, renames itself, and resets a forgotten password', async ({ page }) => {
  const email = `${unique('account')}@test.holdfast.dev`;
  await page.goto('/register');
  await page.getByLabel('Name').fill('Ada Buyer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('first-password-1');
  await accessible(page);
  await shoot(page, 'register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // The link of the verification mail, opened in the page.
  const verify = await mailedToken(email, /Confirm your email/);
  await page.goto(`/verify-email?token=${verify}`);
  await expect(page.getByText('Your email is confirmed.')).toBeVisible();
  await accessible(page);
  await shoot(page, 'verify-email');
  await page.goto(`/verify-email?token=${verify}`);
  await expect(page.getByRole('alert')).toContainText(/Already verified|Link already used/);

  await page.goto('/account');
  await expect(page.getByText(`${email} (confirmed)`)).toBeVisible();
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Your name is saved.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
  await accessible(page);
  await shoot(page, 'account');

  // Forgotten: the reset link sets a new password, and the old one stops working.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByText('a link to set a new password is on its way')).toBeVisible();
  await accessible(page);
  const reset = await mailedToken(email, /new Holdfast password/);
  await page.goto(`/reset-password?token=${reset}`);
  await page.getByLabel('New password', { exact: true }).fill('second-password-2');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('Your password is set.')).toBeVisible();
  await shoot(page, 'reset-password');

  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('first-password-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');
  await logIn(page, { email, password: 'second-password-2' });
});

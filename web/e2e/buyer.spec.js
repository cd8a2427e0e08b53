// The buyer's purchase end to end: register on the way, buy general admission and seats picked
// on the live map (simulated payment), see the tickets with their QR codes and save the PDF;
// another buyer's map follows without reloading; a hold lapses on screen; refusals in words.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { newBuyer, publishedEvent, logIn, call, unique, shoot, accessible, buy } from './support.js';

const seat = (page, id) => page.locator(`[data-seat="${id}"]`);


/** From the hold page: pay with the simulated provider and wait for the confirmation. */
async function payAndConfirm(page, { screenshots = false } = {}) {
  await expect(page.getByRole('heading', { name: 'Your hold', level: 1 })).toBeVisible();
  await expect(page.getByRole('timer')).toBeVisible();
  if (screenshots) {
    await accessible(page);
    await shoot(page, 'hold');
  }
  await page.getByRole('button', { name: /^Pay [^(]/ }).click();
  await page.getByRole('button', { name: 'Pay (simulated)', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'You’re going!', level: 1 })).toBeVisible({ timeout: 30_000 });
  if (screenshots) {
    await accessible(page);
    await shoot(page, 'confirmation');
  }
}

test('a buyer registers, buys two standing tickets and two seats picked on the map, and a second buyer watching sees them taken', async ({ page, browser }) => {
  const event = await publishedEvent();
  const email = `${unique('page-buyer')}@test.holdfast.dev`;

  // A visitor sees the event and its map, and is asked to sign in to buy.
  await page.goto(`/events/${event.id}`);
  await expect(page.getByRole('heading', { name: event.name, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Row A seat 3, free, / })).toBeVisible();
  await page.getByRole('link', { name: 'create an account' }).click();
  await page.getByLabel('Name').fill('Page Buyer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: event.name, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // Two standing tickets.
  await page.getByLabel('Tickets').selectOption('2');
  await page.getByRole('button', { name: /^Hold 2 for / }).click();
  await expect(page.getByText('2 × Standing (general admission)')).toBeVisible();
  await payAndConfirm(page, { screenshots: true });

  // A second buyer watches the same map in another browser.
  const other = await browser.newContext();
  const watcher = await other.newPage();
  await logIn(watcher, await newBuyer());
  await watcher.goto(`/events/${event.id}`);
  await expect(seat(watcher, 'R-A-3')).toHaveAttribute('aria-label', /, free, /);
  await expect(watcher.getByText('Availability updates live.')).toBeVisible();

  // Two seats picked on the map.
  await page.goto(`/events/${event.id}`);
  await seat(page, 'R-A-3').click();
  await seat(page, 'R-A-4').click();
  await expect(seat(page, 'R-A-3')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Your pick: Row A seat 3, Row A seat 4')).toBeVisible();
  await accessible(page);
  await shoot(page, 'event');
  await page.getByRole('button', { name: 'Hold 2 seats' }).click();
  await expect(page.getByText('Balcony, Row A seat 3')).toBeVisible();

  // The watcher's map turns them taken, without a reload.
  await expect(seat(watcher, 'R-A-3')).toHaveAttribute('aria-label', /, (held|sold), /);
  await expect(seat(watcher, 'R-A-4')).toBeDisabled();
  await payAndConfirm(page);
  await expect(seat(watcher, 'R-A-4')).toHaveAttribute('aria-label', /, sold, /, { timeout: 20_000 });
  await other.close();

  // The order: its tickets with their QR codes, and the PDF.
  await page.getByRole('link', { name: 'See your order and tickets' }).click();
  await expect(page.getByRole('heading', { name: `Order: ${event.name}`, level: 1 })).toBeVisible();
  const codes = page.getByRole('img', { name: /^QR code of the ticket / });
  await expect(codes).toHaveCount(2);
  for (const img of await codes.all()) {
    await expect(img).toHaveJSProperty('complete', true);
    expect(await img.evaluate((i) => i.naturalWidth)).toBeGreaterThan(100);
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all tickets (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^holdfast-order-.*\.pdf$/);
  expect(readFileSync(await download.path()).subarray(0, 4).toString()).toBe('%PDF');
  await accessible(page);
  await shoot(page, 'order');

  // One ticket's page.
  await page.getByRole('link', { name: /^Open the ticket Balcony, Row A seat 3/ }).click();
  await expect(page.getByRole('heading', { name: 'Ticket: Balcony, Row A seat 3', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /^QR code of the ticket / })).toHaveJSProperty('complete', true);
  await accessible(page);
  await shoot(page, 'ticket');

  // Both orders under My orders.
  await page.getByRole('link', { name: 'My orders' }).click();
  await expect(page.getByRole('list', { name: 'Orders' }).getByRole('listitem')).toHaveCount(2);
  await accessible(page);
});

test('a hold lapses on screen and its seats come back on the map', async ({ page, browser }) => {
  const event = await publishedEvent({ holdSeconds: 5 });
  const watching = await browser.newContext();
  const watcher = await watching.newPage();
  await watcher.goto(`/events/${event.id}`);
  await expect(seat(watcher, 'R-B-1')).toHaveAttribute('aria-label', /, free, /);

  await logIn(page, await newBuyer());
  await page.goto(`/events/${event.id}`);
  await seat(page, 'R-B-1').click();
  await seat(page, 'R-B-2').click();
  await page.getByRole('button', { name: 'Hold 2 seats' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(seat(watcher, 'R-B-1')).toHaveAttribute('aria-label', /, held, /);

  await expect(page.getByRole('heading', { name: 'Your hold lapsed', level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText('went back on sale');
  await accessible(page);
  await shoot(page, 'hold-lapsed');
  await expect(seat(watcher, 'R-B-1')).toHaveAttribute('aria-label', /, free, /, { timeout: 20_000 });
  await watching.close();

  await page.getByRole('link', { name: 'Back to the event' }).click();
  await expect(seat(page, 'R-B-1')).toHaveAttribute('aria-label', /, free, /);
  await expect(seat(page, 'R-B-2')).toBeEnabled();
});

test('refusals in plain words: seats someone else just took, and the purchase limit', async ({ page }) => {
  const event = await publishedEvent({ maxPerBuyer: 2 });
  const buyer = await newBuyer();
  const rival = await newBuyer();
  await logIn(page, buyer);
  // This page hears nothing live, so the rival's hold reaches it only as the refusal.
  await page.route('**/v1/events/*/stream', () => {});
  await page.goto(`/events/${event.id}`);
  await seat(page, 'R-C-5').click();
  const taken = await call(`/v1/events/${event.id}/holds`, { method: 'POST', token: rival.token,
    key: unique('rival'), body: { seats: ['R-C-5'] } });
  expect(taken.status, JSON.stringify(taken.body)).toBe(201);
  await page.getByRole('button', { name: 'Hold 1 seat' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Those seats were just taken' });
  await expect(refusal).toContainText('Pick other seats');
  await expect(seat(page, 'R-C-5')).toHaveAttribute('aria-label', /, held, /);
  await expect(page.getByText('Your pick:')).toHaveCount(0);
  await accessible(page);

  // The limit counts holds: two tickets held already, a third is refused.
  const held = await call(`/v1/events/${event.id}/holds`, { method: 'POST', token: buyer.token,
    key: unique('mine'), body: { section: 'GA', quantity: 2 } });
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  await page.getByRole('button', { name: /^Hold 1 for / }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Limit reached' })).toContainText('Buy fewer tickets');

  // That hold: a declined payment keeps it; released, its tickets go back on sale.
  await page.goto(`/holds/${held.body.holdId}`);
  await page.getByRole('button', { name: /^Pay [^(]/ }).click();
  await page.getByRole('button', { name: 'Pay (simulated decline)' }).click();
  await expect(page.getByRole('alert')).toContainText('The payment was declined. Your hold stands');
  await page.getByRole('button', { name: 'Release these tickets' }).click();
  await expect(page.getByRole('heading', { name: 'Hold released', level: 1 })).toBeVisible();
  await expect.poll(async () => (await call(`/v1/events/${event.id}/availability`)).body.held).toBe(1);
});

test('a ticket of an event with rotating codes shows its live code, and is transferred after a confirmation', async ({ page }) => {
  const event = await publishedEvent({ rotatingCodes: true });
  const buyer = await newBuyer();
  const { orderId } = await buy(buyer, event.id, { section: 'GA', quantity: 1 });
  await logIn(page, buyer);
  await page.goto(`/orders/${orderId}`);
  await page.getByRole('link', { name: /^Open the ticket Standing/ }).click();
  await expect(page.locator('.otp')).toHaveText(/^\d{6}$/);
  await expect(page.getByRole('timer')).toHaveText(/^\d+$/);
  // The live code as a QR code too, for a door that scans (the printed one is refused there).
  const liveQr = page.getByRole('img', { name: "The live QR code of this ticket, for the door's scanner" });
  await expect(liveQr).toBeVisible();
  await expect.poll(() => liveQr.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);
  await accessible(page);
  await shoot(page, 'ticket-rotating');

  // Giving it to oneself is refused in words; giving it to someone else takes a confirmation.
  await page.getByLabel('Their email').fill(buyer.email);
  await page.getByRole('button', { name: 'Transfer…' }).click();
  await page.getByRole('button', { name: 'Yes, transfer it' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That is you' })).toBeVisible();
  const friend = `${unique('friend')}@test.holdfast.dev`;
  await page.getByLabel('Their email').fill(friend);
  await page.getByRole('button', { name: 'Transfer…' }).click();
  await expect(page.getByRole('alert')).toContainText(`Give this ticket to ${friend}?`);
  await page.getByRole('button', { name: 'Yes, transfer it' }).click();
  await expect(page.getByText(`The ticket now belongs to ${friend}.`)).toBeVisible();
});

test('the whole purchase works from the keyboard alone', async ({ page }) => {
  const event = await publishedEvent();
  const buyer = await newBuyer();
  const focused = () => page.evaluate(() => document.activeElement && (document.activeElement.getAttribute('aria-label')
    || document.activeElement.textContent.trim()));
  /** Presses Tab until the focused control's name matches {@code name}: the way a keyboard user gets there. */
  const tabTo = async (name) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (name.test(await focused() || '')) return;
    }
    throw new Error(`Tab never reached ${name}`);
  };

  await page.goto('/login');
  await page.getByLabel('Email').focus();
  await page.keyboard.type(buyer.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(buyer.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  await page.goto(`/events/${event.id}`);
  await expect(seat(page, 'R-B-2')).toHaveAttribute('aria-label', /, free, /);
  await tabTo(/^Row B seat 2, free/);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(seat(page, 'R-B-2')).toHaveAttribute('aria-pressed', 'true');
  await expect(seat(page, 'R-B-3')).toHaveAttribute('aria-pressed', 'true');
  await tabTo(/^Hold 2 seats$/);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Balcony, Row B seat 2')).toBeVisible();
  await tabTo(/^Pay [^(]/);
  await page.keyboard.press('Enter');
  await tabTo(/^Pay \(simulated\)$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'You’re going!', level: 1 })).toBeVisible({ timeout: 30_000 });
  await tabTo(/^See your order and tickets$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('img', { name: /QR code/ }).first()).toBeVisible();
});

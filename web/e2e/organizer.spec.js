// Organizers: build a seated event with the section builder, publish it, watch a sale arrive
// on the live dashboard, find the buyer among the attendees (CSV too), refund, set up the door;
// and close, reopen and cancel an event.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ORGANIZER, newBuyer, logIn, call, unique, shoot, accessible, publishedEvent, buy } from './support.js';


const stat = (page, id) => page.locator(`[data-stat="${id}"] dd`);

test('an organizer builds a seated event, publishes it and watches a sale arrive live', async ({ page }) => {
  await logIn(page, ORGANIZER);
  await page.getByRole('link', { name: 'Organize', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your events', level: 1 })).toBeVisible();
  await expect(page.locator('.org-events li').first()).toBeVisible();
  await accessible(page);
  await shoot(page, 'organizer-home');

  await page.getByRole('link', { name: 'New event' }).click();
  await expect(page.getByRole('heading', { name: 'New event', level: 1 })).toBeVisible();
  const name = unique('Builder Night');
  await page.getByLabel('Event name').fill(name);
  await page.getByLabel('Category').fill('music');
  await page.getByLabel('Venue').fill('The Browser Hall');
  // A mistyped hold time: the API refuses it, and the form says so in its own words.
  await page.getByLabel('Hold time (seconds)').fill('7200');

  const standing = page.getByRole('group', { name: /^Section 1/ });
  await standing.getByLabel('Code').fill('GA');
  await standing.getByLabel('Capacity').fill('50');
  await page.getByRole('button', { name: 'Add a seated section' }).click();
  const seated = page.getByRole('group', { name: /^Section 2/ });
  await seated.getByLabel('Code').fill('BAL');
  await seated.getByLabel('Section name').fill('Balcony');
  await seated.getByLabel('Price (EUR)').fill('40.00');
  await seated.getByLabel('Row 1 seats').fill('8');
  await seated.getByRole('button', { name: 'Add a row' }).click();
  await seated.getByRole('button', { name: 'Remove row D' }).click();
  await seated.getByLabel('Rows to add').fill('2');
  await seated.getByLabel('Seats in each').fill('12');
  await seated.getByRole('button', { name: 'Add 2 rows of 12 seats' }).click();
  await expect(seated.getByLabel('Row 5 label')).toHaveValue('E');
  // The map preview follows the rows as they are typed: 8 + 10 + 10 + 12 + 12 seats.
  await expect(seated.getByRole('img', { name: /Seat map.*5 rows, 52 seats/ })).toBeVisible();
  await expect(page.getByText('2 sections, 102 tickets in all.')).toBeVisible();

  await page.getByRole('button', { name: 'Save as draft' }).click();
  const refusal = page.locator('[data-problem="validation"]');
  await expect(refusal).toContainText('Check the form');
  await expect(refusal).toContainText('Hold time:');
  await expect(page.getByLabel('Hold time (seconds)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Hold time (seconds)').fill('300');
  await accessible(page);
  await shoot(page, 'organizer-editor');

  await page.getByRole('button', { name: 'Save as draft' }).click();
  await expect(page.getByText('Saved as a draft.')).toBeVisible();
  const eventId = /\/organizer\/events\/([^/]+)\/edit/.exec(page.url())[1];
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Published: the event is on sale')).toBeVisible();
  await expect(page.locator('.org-status').first()).toHaveText('On sale');

  await page.getByRole('navigation', { name: 'This event' }).getByRole('link', { name: 'Sales' }).click();
  await expect(page.getByRole('heading', { name: `Sales: ${name}` })).toBeVisible();
  await expect(page.getByText('Live: changes appear as they happen.')).toBeVisible();
  await expect(stat(page, 'sold')).toHaveText('0');
  await expect(page.getByRole('img', { name: /Seat map.*Balcony: 5 rows, 52 seats/ })).toBeVisible();
  // Marks this page: a reload would lose the mark.
  await page.evaluate(() => { window.__sameDashboard = true; });

  const buyer = await newBuyer();
  await buy(buyer, eventId, { section: 'BAL', quantity: 2, together: true });
  await expect(stat(page, 'sold')).toHaveText('2');
  await expect(stat(page, 'revenue')).toContainText('80.00');
  await expect(stat(page, 'rate')).toHaveText('2 tickets');
  await expect(page.getByRole('img', { name: /Balcony: 5 rows, 52 seats \(50 free, 0 held, 2 sold\)/ })).toBeVisible();
  expect(await page.evaluate(() => window.__sameDashboard)).toBe(true);
  await accessible(page);
  await shoot(page, 'organizer-dashboard');

  await page.getByRole('navigation', { name: 'This event' }).getByRole('link', { name: 'Attendees' }).click();
  const order = page.locator('.org-order').filter({ hasText: buyer.email });
  await expect(order).toContainText('Paid');
  await expect(order).toContainText('2 tickets');
  await page.getByLabel('Search by name or email').fill('nobody-at-all');
  await expect(page.getByText('0 of 1 orders match.')).toBeVisible();
  await page.getByLabel('Search by name or email').fill(buyer.email.toUpperCase());
  await expect(page.getByText('1 of 1 orders match.')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^attendees-.*\.csv$/);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('Order,Status,Name,Email,Tickets,Seats,Amount,Currency,Ordered at');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(buyer.email);
  expect(lines[1]).toContain(',confirmed,Test Buyer,');
  expect(lines[1]).toContain(',80.00,EUR,');
  await accessible(page);
  await shoot(page, 'organizer-attendees');

  await order.getByRole('button', { name: 'Refund' }).click();
  await expect(order).toContainText('Their tickets stop working');
  await order.getByRole('button', { name: 'Yes, refund this order' }).click();
  await expect(order).toContainText('Refunded', { timeout: 20_000 });

  await page.getByRole('navigation', { name: 'This event' }).getByRole('link', { name: 'Door' }).click();
  await expect(page.getByRole('heading', { name: `Door: ${name}` })).toBeVisible();
  await page.getByLabel('Email of a staff member').fill(buyer.email);
  await page.getByRole('button', { name: 'Add to staff' }).click();
  await expect(page.locator('.org-people')).toContainText(buyer.email);
  await page.getByLabel('Email of a staff member').fill('nobody-here@test.holdfast.dev');
  await page.getByRole('button', { name: 'Add to staff' }).click();
  await expect(page.getByText('No account has this email')).toBeVisible();
  await page.getByRole('button', { name: 'New entrance' }).click();
  await page.getByLabel('Entrance name').fill('North gate');
  await page.getByLabel('Balcony (BAL)').uncheck();
  await page.getByRole('button', { name: 'Create entrance' }).click();
  const gate = page.locator('.org-lists li').filter({ hasText: 'North gate' });
  await expect(gate).toContainText('Admits Standing');
  await gate.getByRole('button', { name: 'Staff of North gate' }).click();
  await gate.getByLabel('Email of a scanner for this entrance').fill(buyer.email);
  await gate.getByRole('button', { name: 'Add scanner' }).click();
  await expect(gate.locator('.org-people')).toContainText(buyer.email);
  await expect(page.getByRole('table', { name: 'Scans per entrance' })).toContainText('North gate');
  await accessible(page);
  await shoot(page, 'organizer-door');
});

test('an organizer edits an event on sale, closes and reopens sales, and cancels it after a warning', async ({ page }) => {
  const event = await publishedEvent();
  await logIn(page, ORGANIZER);
  await page.goto(`/organizer/events/${event.id}/edit`);
  await expect(page.getByRole('heading', { name: `Edit: ${event.name}` })).toBeVisible();
  // Once on sale, sections and prices are fixed: their inputs are locked.
  await expect(page.getByRole('group', { name: /^Section 1/ }).getByLabel('Capacity')).toBeDisabled();
  await expect(page.getByLabel('Starts')).toBeDisabled();
  await page.getByLabel('Venue').fill('The Bigger Hall');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  expect((await call(`/v1/events/${event.id}`)).body.venue).toBe('The Bigger Hall');

  await page.getByRole('button', { name: 'Close sales' }).click();
  await page.getByRole('button', { name: 'Yes, close sales now' }).click();
  await expect(page.getByText('Sales closed.', { exact: true })).toBeVisible();
  const buyer = await newBuyer();
  await expect.poll(async () => (await call(`/v1/events/${event.id}/holds`, { method: 'POST', token: buyer.token,
    body: { section: 'GA', quantity: 1 }, key: unique('hold') })).status, { timeout: 10_000 }).toBe(403);
  await page.getByRole('button', { name: 'Reopen sales' }).click();
  await expect(page.getByText('Sales reopened until the event ends.')).toBeVisible();

  await page.getByRole('button', { name: 'Cancel event' }).click();
  await expect(page.getByText('every paid order is refunded to its buyer')).toBeVisible();
  await page.getByRole('button', { name: 'Keep the event' }).click();
  await expect(page.locator('.org-status').first()).toHaveText('On sale');
  await page.getByRole('button', { name: 'Cancel event' }).click();
  await page.getByRole('button', { name: 'Yes, cancel the event' }).click();
  await expect(page.getByText('Cancelled: sales stopped')).toBeVisible();
  await expect(page.locator('.org-status').first()).toHaveText('Cancelled');
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
});

test('a buyer who is not an organizer is told so', async ({ page }) => {
  await logIn(page, await newBuyer());
  await page.goto('/organizer');
  await expect(page.getByText('Only organizers manage events.')).toBeVisible();
  await accessible(page);
});

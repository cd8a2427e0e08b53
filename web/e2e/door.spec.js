// The door: the organizer (who works the door of their own events) scans tickets a buyer
// bought through the API, by typing their codes; online, then offline with the device's own
// signature check and a queue that uploads when the network returns.
import { test, expect } from '@playwright/test';
import { ORGANIZER, call, newBuyer, publishedEvent, logIn, shoot, accessible, buy } from './support.js';


/** A buyer's general-admission tickets for the event, bought and paid: their codes. */
async function boughtCodes(event, quantity) {
  const buyer = await newBuyer();
  await buy(buyer, event.id, { section: 'GA', quantity });
  let tickets = [];
  await expect.poll(async () => {
    const page = await call('/v1/tickets?limit=100', { token: buyer.token });
    tickets = (page.body.items || []).filter((t) => t.eventId === event.id);
    return tickets.length;
  }, { timeout: 30_000 }).toBe(quantity);
  const codes = [];
  for (const t of tickets) {
    let code = null;
    await expect.poll(async () => {
      code = (await call(`/v1/tickets/${t.ticketId || t.id}`, { token: buyer.token })).body.code;
      return !!code;
    }, { timeout: 30_000 }).toBe(true);
    codes.push(code);
  }
  return codes;
}

async function scan(page, code) {
  const input = page.getByLabel('Ticket code');
  await input.fill(code);
  await input.press('Enter');
}

const answer = (page) => page.locator('.door-answer');

/**
 * Headless Chromium on Linux has no BarcodeDetector and no camera: a stand-in for both, which
 * "sees" whatever code the test puts in window.doorCameraSees.
 */
function fakeCamera() {
  window.BarcodeDetector = class {
    static async getSupportedFormats() { return ['qr_code']; }
    async detect() {
      const seen = window.doorCameraSees;
      return seen ? [{ rawValue: seen, format: 'qr_code' }] : [];
    }
  };
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  navigator.mediaDevices.getUserMedia = async () => {
    canvas.getContext('2d').fillRect(0, 0, 64, 64);
    return canvas.captureStream(5);
  };
}

test('door staff check a ticket in by its typed code, and the second scan is refused', async ({ page }) => {
  const event = await publishedEvent();
  const [code, cameraCode, gateCode] = await boughtCodes(event, 3);
  await page.addInitScript(fakeCamera);
  await logIn(page, ORGANIZER);

  await page.goto('/door');
  await expect(page.getByRole('heading', { name: 'Door', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your events' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
  await accessible(page);
  await shoot(page, 'door-home');

  // Staff's way in: the event's ID (or a link) typed or pasted.
  await page.getByLabel('Event ID or door link').fill(`https://holdfast.example/door/${event.id}`);
  await page.getByRole('button', { name: 'Open scanner' }).click();
  await expect(page.getByRole('heading', { name: `Door: ${event.name}`, level: 1 })).toBeVisible();
  await expect(page.getByLabel('Ticket code')).toBeFocused();
  await accessible(page);
  await shoot(page, 'door-scanner');

  await scan(page, code);
  await expect(answer(page)).toHaveClass(/door-answer-ok/);
  await expect(answer(page)).toHaveAttribute('role', 'alert');
  await expect(answer(page)).toContainText('Admitted');
  await expect(answer(page)).toContainText('Standing · general admission');
  await expect(page.getByLabel('Ticket code')).toBeFocused();
  await accessible(page);
  await shoot(page, 'door-admitted');

  // The next scan replaces the answer: the same ticket again.
  await scan(page, code);
  await expect(answer(page)).toHaveClass(/door-answer-bad/);
  await expect(answer(page)).toContainText('Already checked in');
  await expect(answer(page)).toContainText('First scanned');
  await accessible(page);
  await shoot(page, 'door-refused');

  await scan(page, 'this is not a ticket');
  await expect(answer(page)).toHaveClass(/door-answer-bad/);
  await expect(answer(page)).toContainText('Not a ticket');
  await page.getByRole('button', { name: 'Next scan' }).click();
  await expect(answer(page)).toHaveCount(0);
  await expect(page.getByLabel('Ticket code')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Last scans' })).toBeVisible();

  // The camera, where the browser reads QR codes.
  await page.getByRole('button', { name: 'Use camera' }).click();
  await expect(page.getByLabel(/Camera view/)).toBeVisible();
  await page.evaluate((c) => { window.doorCameraSees = c; }, cameraCode);
  await expect(answer(page)).toHaveClass(/door-answer-ok/);
  await expect(answer(page)).toContainText('Admitted');
  // Still in view, the code is not scanned again; the answer stays until dismissed.
  await page.waitForTimeout(2500);
  await expect(answer(page)).toHaveClass(/door-answer-ok/);
  await page.getByRole('button', { name: 'Next scan' }).click();
  await page.evaluate(() => { window.doorCameraSees = null; });
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await expect(page.getByLabel(/Camera view/)).toHaveCount(0);

  // An entrance for the balcony only: a standing ticket is sent to its own.
  const list = await call(`/v1/events/${event.id}/checkin-lists`, {
    method: 'POST', token: event.organizerToken, body: { name: 'Balcony door', sectionIds: ['R'] },
  });
  expect(list.status, JSON.stringify(list.body)).toBe(201);
  await page.reload();
  await page.getByLabel('Entrance (check-in list)').selectOption({ label: 'Balcony door' });
  await scan(page, gateCode);
  await expect(answer(page)).toHaveClass(/door-answer-bad/);
  await expect(answer(page)).toContainText('Wrong entrance');
});

test('the scanner works offline and uploads its scans when the network returns', async ({ page, context }) => {
  const event = await publishedEvent();
  const [first, second] = await boughtCodes(event, 2);
  await logIn(page, ORGANIZER);
  await page.goto(`/door/${event.id}`);
  await expect(page.getByRole('heading', { name: `Door: ${event.name}`, level: 1 })).toBeVisible();

  // Offline before preparing: the device cannot tell, and says so instead of guessing.
  await context.setOffline(true);
  await scan(page, second);
  await expect(answer(page)).toHaveClass(/door-answer-warn/);
  await expect(answer(page)).toContainText('Not checked');
  await expect(page.getByTestId('queue-size')).toHaveText('0');
  await page.getByRole('button', { name: 'Next scan' }).click();
  await context.setOffline(false);

  await page.getByRole('button', { name: 'Prepare offline' }).click();
  await expect(page.getByText(/Ready offline: 1 key and 0 revoked codes/)).toBeVisible();
  await expect(page.getByTestId('queue-size')).toHaveText('0');

  await context.setOffline(true);
  await expect(page.getByText('Offline: scans are checked on this device.')).toBeVisible();
  await scan(page, second);
  await expect(answer(page)).toHaveClass(/door-answer-ok/);
  await expect(answer(page)).toContainText('Admitted');
  await expect(answer(page)).toContainText('Offline check');
  await expect(page.getByTestId('queue-size')).toHaveText('1');
  await accessible(page);
  await shoot(page, 'door-offline-admitted');

  await scan(page, second);
  await expect(answer(page)).toHaveClass(/door-answer-bad/);
  await expect(answer(page)).toContainText('Already checked in');
  await expect(answer(page)).toContainText('Scanned on this device.');
  await expect(page.getByTestId('queue-size')).toHaveText('1');

  // A forged code: the first ticket's payload with the second's signature.
  await scan(page, `${first.split('.')[0]}.${second.split('.')[1]}`);
  await expect(answer(page)).toHaveClass(/door-answer-bad/);
  await expect(answer(page)).toContainText('Not a real ticket');

  // Meanwhile another gate, online, lets the first ticket in; this device does not know.
  const gate = await call('/v1/checkins', { method: 'POST', token: event.organizerToken, body: { code: first, eventId: event.id } });
  expect(gate.status, JSON.stringify(gate.body)).toBe(200);
  await scan(page, first);
  await expect(answer(page)).toHaveClass(/door-answer-ok/);
  await expect(page.getByTestId('queue-size')).toHaveText('2');
  await page.getByRole('button', { name: 'Next scan' }).click();
  await expect(answer(page)).toHaveCount(0);
  await accessible(page);
  await shoot(page, 'door-offline-queue');

  await context.setOffline(false);
  await expect(page.getByText('Online: the platform checks each scan.')).toBeVisible();
  await expect(page.getByTestId('queue-size')).toHaveText('0', { timeout: 30_000 });
  // The platform let the second ticket in from this device's upload, and says the first was
  // already in through the other gate.
  const differences = page.getByRole('alert').filter({ hasText: 'The platform decided otherwise for 1 offline scan' });
  await expect(differences).toBeVisible();
  await expect(differences).toContainText('already checked in');
  await accessible(page);
  await shoot(page, 'door-synced');
  await expect.poll(async () => {
    const counts = await call(`/v1/events/${event.id}/checkin-counts`, { token: event.organizerToken });
    return [counts.body.event.checkedIn, counts.body.event.admitted, counts.body.event.duplicates];
  }, { timeout: 15_000 }).toEqual([2, 2, 1]);
});

test('an event’s door staff find it among the events they check tickets for, or open it from the link the organizer gave them', async ({ page }) => {
  const event = await publishedEvent();
  const [code] = await boughtCodes(event, 1);
  const staff = await newBuyer();
  const granted = await call(`/v1/events/${event.id}/staff`, {
    method: 'POST', token: event.organizerToken, body: { email: staff.email },
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(201);
  await logIn(page, staff);

  // Staff see the events they were made staff of (not an organizer's list), and may still
  // type an ID or paste a link.
  await page.goto('/door');
  await expect(page.getByRole('heading', { name: 'Your events' })).toHaveCount(0);
  const theirs = page.getByRole('region', { name: 'Events you check tickets for' });
  await expect(theirs.getByRole('link', { name: event.name })).toBeVisible();
  await page.getByLabel('Event ID or door link').fill('not an id');
  await page.getByRole('button', { name: 'Open scanner' }).click();
  await expect(page.getByRole('alert')).toContainText('not an event ID');
  await page.getByLabel('Event ID or door link').fill(event.id);
  await page.getByRole('button', { name: 'Open scanner' }).click();
  await expect(page.getByRole('heading', { name: `Door: ${event.name}`, level: 1 })).toBeVisible();
  await scan(page, code);
  await expect(answer(page)).toHaveClass(/door-answer-ok/);
  await expect(answer(page)).toContainText('Admitted');

  // The device remembers the event for next time.
  await page.getByRole('button', { name: 'Next scan' }).click();
  await page.getByRole('link', { name: 'Choose another event' }).click();
  await expect(page.getByRole('region', { name: 'Opened on this device' })
    .getByRole('link', { name: event.name })).toBeVisible();
  await accessible(page);

  // From the list, the same scanner.
  await theirs.getByRole('link', { name: event.name }).click();
  await expect(page.getByRole('heading', { name: `Door: ${event.name}`, level: 1 })).toBeVisible();
});

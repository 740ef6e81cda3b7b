import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { createTherapist, nthWeekday, slotsOn, INDIVIDUAL } from '../widget/widget-fixture';
import { asTherapist, expectConsoleAccessible, http, openConsole } from './console-fixture';

/** The calendar feed: the secret address, copied; a new one made after a warning, and the old one dead. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const feed = async (url: string) => {
  const r = await fetch(url);
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
};

test('the feed address is shown and copied; rotating asks first, then the old address is gone and the new one serves the calendar', async () => {
  const zone = 'Europe/Berlin';
  const id = await createTherapist('feedview', zone);
  const day = nthWeekday(1, 3);
  const [slot] = await slotsOn(id, INDIVIDUAL.id, day, zone);
  const booked = await http('POST', '/v1/bookings', { therapistId: id, sessionTypeId: INDIVIDUAL.id, start: slot!.start, timeZone: zone, clients: [{ name: 'Morgan Feedsurname', email: 'morgan.feed@example.test', phone: '+49 30 1234567' }], note: 'private feed note', policyAccepted: true });
  expect(booked.status).toBe(201);

  const { page, foreign, errors } = await openConsole(browser, asTherapist('Dr. Feedview Test'), { viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] }, '#/calendar-feed');
  await page.getByRole('heading', { level: 1, name: 'Calendar feed' }).waitFor();
  const field = page.getByLabel('Your calendar address');
  const oldUrl = await field.inputValue();
  expect(oldUrl).toMatch(new RegExp(`/v1/calendar-feeds/${id}/`));
  await expect(field.getAttribute('readonly')).resolves.not.toBeNull();

  // What the page says the feed shows is what it shows: times and first names, nothing more.
  const before = await feed(oldUrl);
  expect(before.status).toBe(200);
  expect(before.type).toMatch(/^text\/calendar/);
  expect(before.body).toContain('Morgan');
  for (const absent of ['Feedsurname', 'morgan.feed@example.test', '1234567', 'private feed note']) expect(before.body).not.toContain(absent);
  await page.getByText(/can see the times of your sessions and your clients’ first names\. It never shows surnames, email addresses, phone numbers or notes\./).waitFor();

  // Copy: the address lands on the clipboard and the copy is announced.
  await page.getByRole('button', { name: 'Copy the address' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
  expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(oldUrl);
  await expectConsoleAccessible(page, 'calendar feed');

  // Rotate: a warning first; keeping it changes nothing.
  await page.getByRole('button', { name: 'Make a new address' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a new calendar address?' });
  await dialog.getByText(/The current address stops working at once/).waitFor();
  await expectConsoleAccessible(page, 'rotate dialog');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog.count()).resolves.toBe(0);
  expect(await field.inputValue()).toBe(oldUrl);
  expect((await feed(oldUrl)).status).toBe(200);

  await page.getByRole('button', { name: 'Make a new address' }).click();
  await dialog.getByRole('button', { name: 'Make a new address' }).click();
  await page.getByRole('status').filter({ hasText: 'A new address is ready. The old one no longer works.' }).waitFor();
  const newUrl = await field.inputValue();
  expect(newUrl).not.toBe(oldUrl);
  const old = await feed(oldUrl);
  expect(old.status).toBe(404);
  const fresh = await feed(newUrl);
  expect(fresh.status).toBe(200);
  expect(fresh.type).toMatch(/^text\/calendar/);
  expect(fresh.body).toMatch(/^BEGIN:VCALENDAR/);
  // The console keeps showing the new one after a reload of the view.
  await page.reload();
  await page.getByRole('button', { name: asTherapist('Dr. Feedview Test') }).click();
  await page.getByRole('heading', { level: 1, name: 'Calendar feed' }).waitFor();
  expect(await page.getByLabel('Your calendar address').inputValue()).toBe(newUrl);

  await page.setViewportSize({ width: 320, height: 800 });
  await expect(page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth <= (globalThis as any).document.documentElement.clientWidth)).resolves.toBe(true);
  await expectConsoleAccessible(page, 'calendar feed at 320 px');
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

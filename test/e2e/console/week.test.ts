import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { COUPLES, INDIVIDUAL, createTherapist, emailsTo, nthWeekday, slotsOn } from '../widget/widget-fixture';
import { asTherapist, expectConsoleAccessible, http, openConsole, screenshot, type ConsolePage } from './console-fixture';

/**
 * The Week view: the therapist's sessions as the week they fall in, in their own zone, first names
 * only; cancelling one asks first, emails the client and shows it cancelled.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const bearer = async (therapistId: string) => ({ authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId })).json.token as string}` });
const displayName = (name: string) => `Dr. ${name[0]!.toUpperCase()}${name.slice(1)} Test`;

async function book(therapistId: string, start: string, timeZone: string, clients: { name: string; email: string }[], extra: Record<string, unknown> = {}) {
  const r = await http('POST', '/v1/bookings', { therapistId, start, timeZone, clients, policyAccepted: true, sessionTypeId: clients.length > 1 ? COUPLES.id : INDIVIDUAL.id, ...extra });
  expect(r.status).toBe(201);
  return r.json.booking as { id: string; start: string };
}

/** Presses "Next week" (by keyboard) until the week heading names `monday`; focus must stay on the button all along. */
async function goToWeekOf(page: Page, monday: string) {
  const target = DateTime.fromISO(monday, { zone: 'UTC' }).toFormat('MMMM d');
  const next = page.getByRole('button', { name: 'Next week' });
  await next.focus();
  for (let i = 0; i < 70; i++) {
    if ((await page.getByRole('heading', { level: 2, name: /^Week of / }).innerText()).includes(target)) return;
    const before = await page.getByRole('heading', { level: 2, name: /^Week of / }).innerText();
    await page.keyboard.press('Enter');
    await page.waitForFunction((b) => (globalThis as any).document.querySelector('.week-range')?.textContent !== b, before);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Next week');
  }
  throw new Error(`never reached the week of ${monday}`);
}

/** Tabs until the focused element's accessible label matches; keyboard only, as a user without a mouse would. */
async function tabTo(page: Page, label: RegExp) {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('aria-label') ?? (globalThis as any).document.activeElement?.textContent ?? '');
    if (label.test(focused)) return;
  }
  throw new Error(`no focusable element labelled ${label}`);
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth <= (globalThis as any).document.documentElement.clientWidth);

test('the week shows both sessions with first names and the note; a keyboard-only cancel with a reason emails the client and shows it cancelled', async () => {
  const zone = 'America/New_York';
  const id = await createTherapist('weekview', zone);
  const monday = nthWeekday(1, 2);
  const tuesday = nthWeekday(2, 2);
  const [single] = await slotsOn(id, INDIVIDUAL.id, monday, zone);
  const [pair] = await slotsOn(id, COUPLES.id, tuesday, zone);
  const alone = await book(id, single!.start, zone, [{ name: 'Casey Quillfeather', email: 'casey.week@example.test' }]);
  await book(id, pair!.start, zone, [{ name: 'Alexa Marlowe', email: 'alexa.week@example.test' }, { name: 'Jordan Fairweather', email: 'jordan.week@example.test' }], { note: 'We would like to talk about moving in together.' });

  const c: ConsolePage = await openConsole(browser, asTherapist(displayName('weekview')), { viewport: { width: 1280, height: 900 } }, '#/week');
  const { page } = c;
  await page.getByRole('heading', { level: 1, name: 'Week' }).waitFor();
  await page.getByText('Times are in your time zone, America/New York.').waitFor();
  await goToWeekOf(page, monday);

  const main = page.getByRole('main');
  const text = await main.innerText();
  for (const seen of ['Casey', 'Alexa & Jordan', 'We would like to talk about moving in together.', 'Individual session · Individual', 'Couples session · Couples', 'Confirmed']) expect(text).toContain(seen);
  // Times on the therapist's clock (slots start on the hour in their zone), with the zone's name.
  // Spaces normalised: ICU's formatRange puts thin spaces around the dash in newer Chromiums, plain ones in older.
  expect(text.replace(/\s/g, ' ')).toContain(`${DateTime.fromISO(single!.start, { zone }).toFormat('h:mm')} – `);
  expect(text).toMatch(/EST/);
  // No surname or email anywhere on the page (the whole document, the menu and attributes included).
  const whole = await page.content();
  for (const hidden of ['Quillfeather', 'Marlowe', 'Fairweather', '@example.test']) expect(whole).not.toContain(hidden);
  await expectConsoleAccessible(page, 'week with two sessions');
  await screenshot(page, 'console-week', { fullPage: true });

  // Keyboard only: tab to the session's cancel button, confirm in the dialog with a reason.
  const card = page.locator(`article[data-booking="${alone.id}"]`);
  await tabTo(page, /^Cancel session on Monday/);
  expect(await page.evaluate((bookingId) => (globalThis as any).document.activeElement?.closest('article')?.getAttribute('data-booking') === bookingId, alone.id)).toBe(true);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Cancel this session?' });
  await dialog.waitFor();
  await dialog.getByText('The client will be emailed that the session is cancelled.').waitFor();
  await expectConsoleAccessible(page, 'cancel dialog');
  expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('TEXTAREA');
  await page.keyboard.type('The therapist is ill.');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Cancel the session');
  await page.keyboard.press('Enter');
  await card.getByText('Cancelled', { exact: true }).waitFor();
  await card.getByText('The therapist is ill.').waitFor();
  await expect(card.getByRole('button').count()).resolves.toBe(0);
  await expect(dialog.count()).resolves.toBe(0);
  // Focus lands on the cancelled session, not on the page's start.
  expect(await page.evaluate((bookingId) => (globalThis as any).document.activeElement?.closest('article')?.getAttribute('data-booking') === bookingId, alone.id)).toBe(true);

  const deadline = Date.now() + 30_000;
  let cancelledMail: { subject: string }[] = [];
  while (!cancelledMail.length && Date.now() < deadline) {
    cancelledMail = (await emailsTo('casey.week@example.test')).filter((e) => /cancel/i.test(e.subject));
    if (!cancelledMail.length) await new Promise((r) => setTimeout(r, 300));
  }
  expect(cancelledMail).toHaveLength(1);
  const stored = await http('GET', `/v1/me/bookings?from=${monday}&to=${monday}`, undefined, await bearer(id));
  expect(stored.json.bookings.find((b: { id: string }) => b.id === alone.id)).toMatchObject({ status: 'cancelled', cancelReason: 'The therapist is ill.' });

  // A phone: the same week as a list, nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 800 });
  await expect(noHorizontalScroll(page)).resolves.toBe(true);
  await expectConsoleAccessible(page, 'week at 320 px');
  expect(c.foreign).toEqual([]);
  expect(c.errors).toEqual([]);
  await page.context().close();
});

test('a week with a clock change shows each session at its own wall time', async () => {
  const zone = 'America/New_York';
  const id = await createTherapist('weekdst', zone);
  // The first spring-forward after the test month starts (the virtual clock starts now: a future change).
  let day = DateTime.fromISO(`${nthWeekday(1, 1)}T12:00`, { zone });
  while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
  const change = day.plus({ days: 1 }).toISODate()!;
  const week = DateTime.fromISO(change, { zone }).startOf('week');
  const before = week.plus({ days: 1 }).toISODate()!; // Tuesday, the old offset
  const after = week.plus({ days: 6 }).toISODate()!; // Sunday, the new offset (the change is on a Sunday in New York)
  expect([DateTime.fromISO(before, { zone }).offset === DateTime.fromISO(`${after}T12:00`, { zone }).offset]).toEqual([false]);
  // Sunday has no weekly hours: give it some for this date.
  expect((await http('POST', '/v1/me/overrides', { date: after, intervals: [{ start: '09:00', end: '13:00' }] }, await bearer(id))).status).toBe(201);
  const tenOn = async (date: string) => (await slotsOn(id, INDIVIDUAL.id, date, zone)).find((s) => s.start.slice(11, 16) === '10:00')!.start;
  const first = await book(id, await tenOn(before), zone, [{ name: 'Riley Before', email: 'riley.dst@example.test' }]);
  const second = await book(id, await tenOn(after), zone, [{ name: 'Sam After', email: 'sam.dst@example.test' }]);
  // Same wall time, one hour apart in UTC terms of the day: the offsets really differ.
  expect(Date.parse(second.start) - Date.parse(first.start)).toBe(5 * 86_400_000 - 3_600_000);

  const { page, errors } = await openConsole(browser, asTherapist(displayName('weekdst')), { viewport: { width: 1280, height: 900 } }, '#/week');
  await page.getByRole('heading', { level: 1, name: 'Week' }).waitFor();
  await goToWeekOf(page, week.toISODate()!);
  const card = (bookingId: string) => page.locator(`article[data-booking="${bookingId}"]`);
  const shown = async (bookingId: string) => (await card(bookingId).locator('time').innerText()).replace(/\s/g, ' ');
  expect(await shown(first.id)).toMatch(/^10:00 – 10:50 EST$/);
  expect(await shown(second.id)).toMatch(/^10:00 – 10:50 EDT$/);
  // Each under its own day.
  const dayOf = (bookingId: string) => card(bookingId).evaluate((el) => el.closest('.week-day')?.querySelector('h3')?.textContent);
  await expect(dayOf(first.id)).resolves.toBe(DateTime.fromISO(before).setLocale('en-US').toFormat('cccc, MMMM d'));
  await expect(dayOf(second.id)).resolves.toBe(DateTime.fromISO(after).setLocale('en-US').toFormat('cccc, MMMM d'));
  expect(errors).toEqual([]);
  await page.context().close();
});

test('on a wide screen the week can also be read as one list of the days that have sessions', async () => {
  const zone = 'Europe/Berlin';
  const id = await createTherapist('weeklist', zone);
  const wednesday = nthWeekday(3, 2);
  const [slot] = await slotsOn(id, INDIVIDUAL.id, wednesday, zone);
  await book(id, slot!.start, zone, [{ name: 'Robin Listfield', email: 'robin.list@example.test' }]);
  const { page } = await openConsole(browser, asTherapist(displayName('weeklist')), { viewport: { width: 1280, height: 900 } }, '#/week');
  await page.getByRole('heading', { level: 2, name: /^Week of / }).waitFor();
  await goToWeekOf(page, DateTime.fromISO(wednesday).startOf('week').toISODate()!);
  const days = page.locator('.week-day');
  const visibleDays = () => days.evaluateAll((els) => els.filter((e) => (e as any).offsetParent !== null).length);
  expect(await visibleDays()).toBe(7);
  const columnsTop = await days.evaluateAll((els) => new Set(els.map((e) => (e as any).getBoundingClientRect().top)).size);
  expect(columnsTop).toBe(1); // seven columns side by side
  await page.getByRole('group', { name: 'Show the week as' }).getByRole('button', { name: 'List' }).click();
  await expect(page.getByRole('button', { name: 'List' }).getAttribute('aria-pressed')).resolves.toBe('true');
  expect(await visibleDays()).toBe(1);
  await expect(days.filter({ hasText: 'Robin' }).count()).resolves.toBe(1);
  expect(await page.locator('main').innerText()).not.toContain('Listfield');
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  expect(await visibleDays()).toBe(7);
  await page.context().close();
});

test('the week still shows when the standing appointments cannot be read', async () => {
  const zone = 'Europe/Berlin';
  await createTherapist('weeknoseries', zone);
  const { page } = await openConsole(browser, asTherapist(displayName('weeknoseries')), { viewport: { width: 1280, height: 900 } });
  await page.route('**/v1/me/series', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'down' } }) }));
  await page.getByRole('link', { name: 'Hours' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hours' }).waitFor();
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: /^Week of / }).waitFor();
  expect(await page.getByText('This page could not be loaded.').count()).toBe(0);
  await page.context().close();
});

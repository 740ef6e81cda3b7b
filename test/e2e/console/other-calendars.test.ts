import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { INDIVIDUAL, createTherapist, nthWeekday, slotsOn } from '../widget/widget-fixture';
import { asTherapist, expectConsoleAccessible, http, openConsole, openWithSignInEndingSoon, screenshot } from './console-fixture';

/**
 * The Other calendars view, end to end: an ICS feed served by a local HTTP server of this test is
 * added in the console, read at once with "Sync now", and its busy time then shows in the Week
 * (the calendar's label only, never the event's title) and blocks the widget's slot; a feed that
 * cannot be read shows as failing with its plain error; removing gives the time back; a CalDAV
 * app password never comes back to the page.
 */
const ZONE = 'Europe/Berlin';
const DAY = nthWeekday(2, 2); // a Tuesday with 09:00–13:00
const SECRET_TITLE = 'Dentist with Dr. Molar';
const APP_PASSWORD = 'zq7-Kite-app-pass-9Wr';

const utc = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");

/** Shaped like Google Calendar's "secret address in iCal format": UTC times, its PRODID and X-WR headers, CRLF lines. */
const googleShaped = () => [
  'BEGIN:VCALENDAR',
  'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
  'VERSION:2.0',
  'CALSCALE:GREGORIAN',
  'METHOD:PUBLISH',
  'X-WR-CALNAME:Private',
  `X-WR-TIMEZONE:${ZONE}`,
  'BEGIN:VEVENT',
  `DTSTART:${utc(DAY, '10:00')}`,
  `DTEND:${utc(DAY, '11:00')}`,
  'DTSTAMP:20261120T101500Z',
  'UID:0a1b2c3d4e5f6g7h8i9j@google.com',
  'CREATED:20261120T101500Z',
  'LAST-MODIFIED:20261120T101500Z',
  'SEQUENCE:0',
  'STATUS:CONFIRMED',
  `SUMMARY:${SECRET_TITLE}`,
  'DESCRIPTION:Bring the insurance card',
  'TRANSP:OPAQUE',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

let browser: Browser;
let feeds: Server;
let feedBase: string;
const served: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  feeds = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.method === 'GET' && req.url === '/cal.ics') {
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
      res.end(googleShaped());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => feeds?.close(resolve));
});

const wallTimes = (slots: { start: string }[]) => slots.map((s) => DateTime.fromISO(s.start, { zone: ZONE }).toFormat('HH:mm'));
const noHorizontalScroll = (page: Page) => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth <= (globalThis as any).document.documentElement.clientWidth);
const bearer = async (therapistId: string) => ({ authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId })).json.token as string}` });

/** Presses "Next week" until the week heading names the week of `date`. */
async function goToWeekOf(page: Page, date: string) {
  const monday = DateTime.fromISO(date, { zone: 'UTC' }).startOf('week');
  const target = monday.toFormat('MMMM d');
  const heading = page.getByRole('heading', { level: 2, name: /^Week of / });
  for (let i = 0; i < 70; i++) {
    const before = await heading.innerText();
    if (before.includes(target)) return;
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.waitForFunction((b) => (globalThis as any).document.querySelector('.week-range')?.textContent !== b, before);
  }
  throw new Error(`never reached the week of ${date}`);
}

/** The form's two kinds both have a label field: the one on screen. */
const visibleField = (page: Page, label: string) => page.getByLabel(label, { exact: true }).filter({ visible: true });

/** One calendar's entry in the list, found by its heading (the label). */
const entry = (page: Page, label: string) => page.locator('article.calendar-source').filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });

test('an ICS feed added and synced in the console blocks its slot, shows as "Busy — <label>" in the week without its title, and removing it gives the time back', async () => {
  const id = await createTherapist('othercal', ZONE);
  expect(wallTimes(await slotsOn(id, INDIVIDUAL.id, DAY, ZONE))).toEqual(['09:00', '10:00', '11:00', '12:00']);

  const { page, foreign, errors } = await openConsole(browser, asTherapist('Dr. Othercal Test'), { viewport: { width: 1280, height: 900 } }, '#/other-calendars');
  await page.getByRole('heading', { level: 1, name: 'Other calendars' }).waitFor();
  await page.getByText('No other calendars yet.').waitFor();
  // Where each app shows its secret address, and that it is kept private.
  await page.getByText(/Secret address in iCal format/).waitFor();
  await page.getByText(/treat it like a password/).waitFor();
  await expectConsoleAccessible(page, 'other calendars, empty');

  await page.getByLabel('Subscription address', { exact: true }).fill(`${feedBase}/cal.ics`);
  await visibleField(page, 'Label (optional)').fill('Personal');
  await page.getByRole('button', { name: 'Add calendar' }).click();
  const personal = entry(page, 'Personal');
  await personal.waitFor();
  // Focus lands on the new entry's heading, for the keyboard.
  await page.waitForFunction(() => (globalThis as any).document.activeElement?.textContent === 'Personal');

  await personal.getByRole('button', { name: 'Sync Personal now' }).click();
  await personal.getByText('Working').waitFor();
  await personal.getByText(/^Last read: /).waitFor();
  expect(served).toContain('/cal.ics');
  await expectConsoleAccessible(page, 'other calendars, one working');
  await screenshot(page, 'console-other-calendars', { fullPage: true });

  // The busy time blocks the widget's slot (the API the widget reads).
  expect(wallTimes(await slotsOn(id, INDIVIDUAL.id, DAY, ZONE))).toEqual(['09:00', '11:00', '12:00']);

  // The week shows it on its day, with the label only.
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Week' }).waitFor();
  await goToWeekOf(page, DAY);
  const block = page.locator('article.busy-block').filter({ hasText: 'Busy — Personal' });
  await block.waitFor();
  expect(await block.locator('time').innerText()).toMatch(/^10:00\s*–\s*11:00$/);
  const dayName = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(DAY));
  expect(await block.evaluate((el) => el.closest('.week-day')?.querySelector('h3')?.textContent)).toBe(dayName);
  const whole = await page.content();
  for (const hidden of [SECRET_TITLE, 'Dr. Molar', 'insurance card']) expect(whole).not.toContain(hidden);
  await expectConsoleAccessible(page, 'week with a busy block');
  await screenshot(page, 'console-week-busy', { fullPage: true });

  // Removing asks first; then the time is free again and the week no longer shows it.
  await page.getByRole('link', { name: 'Other calendars' }).click();
  await entry(page, 'Personal').waitFor();
  await entry(page, 'Personal').getByRole('button', { name: 'Remove Personal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Personal?' });
  await dialog.waitFor();
  await expectConsoleAccessible(page, 'remove dialog');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'detached' });
  await entry(page, 'Personal').waitFor();
  await entry(page, 'Personal').getByRole('button', { name: 'Remove Personal' }).click();
  await page.getByRole('dialog', { name: 'Remove Personal?' }).getByRole('button', { name: 'Remove the calendar' }).click();
  await page.getByText('No other calendars yet.').waitFor();
  expect(wallTimes(await slotsOn(id, INDIVIDUAL.id, DAY, ZONE))).toEqual(['09:00', '10:00', '11:00', '12:00']);
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await goToWeekOf(page, DAY);
  await page.locator('.week-day h3').filter({ hasText: dayName }).waitFor();
  await expect(page.locator('article.busy-block').count()).resolves.toBe(0);

  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a feed that cannot be read shows as failing with its plain error (no address query in it), at 320 px, and can be removed', async () => {
  await createTherapist('failcal', ZONE);
  const { page, errors } = await openConsole(browser, asTherapist('Dr. Failcal Test'), { viewport: { width: 320, height: 800 } }, '#/other-calendars');
  await page.getByRole('heading', { level: 1, name: 'Other calendars' }).waitFor();
  await page.getByLabel('Subscription address', { exact: true }).fill(`${feedBase}/gone.ics?token=pssst-7f3a`);
  await visibleField(page, 'Label (optional)').fill('Old clinic');
  await page.getByRole('button', { name: 'Add calendar' }).click();
  const old = entry(page, 'Old clinic');
  await old.waitFor();
  await old.getByText('Not read yet', { exact: true }).waitFor();
  await old.getByRole('button', { name: 'Sync Old clinic now' }).click();
  await old.getByText('Could not be read').waitFor();
  const why = (await old.locator('.source-error').innerText()).replace(/^Why:\s*/, '');
  expect(why.length).toBeGreaterThan(3);
  expect(why).not.toContain('pssst-7f3a');
  await old.getByText('It has not been read yet: each attempt failed.').waitFor();
  await expectConsoleAccessible(page, 'a failing calendar at 320 px');
  await expect(noHorizontalScroll(page)).resolves.toBe(true);
  await screenshot(page, 'console-other-calendars-failing-320', { fullPage: true });

  // Keyboard only: the confirm dialog opens on Enter and takes focus; confirming removes it.
  await old.getByRole('button', { name: 'Remove Old clinic' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove Old clinic?' });
  await dialog.waitFor();
  expect(await dialog.evaluate((d) => d.contains((globalThis as any).document.activeElement))).toBe(true);
  await dialog.getByRole('button', { name: 'Remove the calendar' }).click();
  await page.getByText('No other calendars yet.').waitFor();
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a CalDAV calendar’s app password is sent once and never comes back: not in the page, not in the API’s answers, not after reopening', async () => {
  const id = await createTherapist('davcal', ZONE);
  const { page, errors } = await openConsole(browser, asTherapist('Dr. Davcal Test'), { viewport: { width: 1280, height: 900 } }, '#/other-calendars');
  await page.getByRole('heading', { level: 1, name: 'Other calendars' }).waitFor();
  await page.getByLabel('A CalDAV calendar (with a username and an app password)', { exact: true }).check();
  await expect(page.getByLabel('Subscription address', { exact: true }).isVisible()).resolves.toBe(false);
  const passwordField = page.getByLabel('App password', { exact: true });
  await expect(passwordField.getAttribute('type')).resolves.toBe('password');
  await expect(passwordField.getAttribute('autocomplete')).resolves.toBe('off');
  await page.getByLabel('Calendar address (CalDAV)', { exact: true }).fill(`${feedBase}/dav/calendars/davcal/work/`);
  await page.getByLabel('Username', { exact: true }).fill('davcal');
  await passwordField.fill(APP_PASSWORD);
  await visibleField(page, 'Label (optional)').fill('Clinic two');
  await page.getByLabel('Write my bookings to this calendar', { exact: true }).check();
  await expectConsoleAccessible(page, 'caldav form filled');
  await page.getByRole('button', { name: 'Add calendar' }).click();
  const clinic = entry(page, 'Clinic two');
  await clinic.waitFor();
  await clinic.getByText('Your bookings are written to this calendar.').waitFor();

  const inPage = () => page.evaluate((secret) => {
    const doc = (globalThis as any).document;
    const values = [...doc.querySelectorAll('input')].map((i: any) => i.value);
    return doc.documentElement.outerHTML.includes(secret) || values.includes(secret) || doc.body.innerText.includes(secret);
  }, APP_PASSWORD);
  await expect(inPage()).resolves.toBe(false);
  await expect(passwordField.inputValue()).resolves.toBe('');

  // Reopened: the list comes from the API again, and still has no trace of it.
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Week' }).waitFor();
  await page.getByRole('link', { name: 'Other calendars' }).click();
  await entry(page, 'Clinic two').waitFor();
  await expect(inPage()).resolves.toBe(false);
  const listed = await http('GET', '/v1/me/calendars', undefined, await bearer(id));
  expect(listed.status).toBe(200);
  expect(JSON.stringify(listed.json)).not.toContain(APP_PASSWORD);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('the API’s refusal of an address is shown at the field; when the sign-in ends mid-edit the form comes back, the password left out', async () => {
  await createTherapist('davdraft', ZONE);
  const { context, page, errors, signInEnded } = await openWithSignInEndingSoon(browser, asTherapist('Dr. Davdraft Test'), '#/other-calendars', 'Other calendars');

  // Not https (and not this machine): refused at the field, nothing added.
  await page.getByLabel('Subscription address', { exact: true }).fill('http://calendar.example.test/basic.ics');
  await page.getByRole('button', { name: 'Add calendar' }).click();
  await page.waitForFunction(() => (globalThis as any).document.activeElement?.getAttribute('aria-invalid') === 'true');
  const url = page.getByLabel('Subscription address', { exact: true });
  expect(await url.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
  expect(await url.evaluate((el) => el.closest('.field')?.querySelector('.field-error:not([hidden])')?.textContent?.length ?? 0)).toBeGreaterThan(0);
  await page.getByText('No other calendars yet.').waitFor();
  await expectConsoleAccessible(page, 'address refused');

  await page.getByLabel('A CalDAV calendar (with a username and an app password)', { exact: true }).check();
  await page.getByLabel('Calendar address (CalDAV)', { exact: true }).fill(`${feedBase}/dav/x/`);
  await page.getByLabel('Username', { exact: true }).fill('davdraft');
  await page.getByLabel('App password', { exact: true }).fill(APP_PASSWORD);
  await visibleField(page, 'Label (optional)').fill('Supervision');
  await page.getByLabel('Write my bookings to this calendar', { exact: true }).check();
  await signInEnded();
  await page.getByRole('button', { name: 'Add calendar' }).click();
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  // The kept draft (sessionStorage) never holds the password.
  expect(await page.evaluate(() => JSON.stringify((globalThis as any).sessionStorage))).not.toContain(APP_PASSWORD);
  await page.getByRole('button', { name: asTherapist('Dr. Davdraft Test') }).click();
  await page.getByText('Your unsaved changes are back; nothing was saved yet.').waitFor();
  await expect(page.getByLabel('A CalDAV calendar (with a username and an app password)', { exact: true }).isChecked()).resolves.toBe(true);
  const values = await Promise.all(['Calendar address (CalDAV)', 'Username', 'App password', 'Label (optional)'].map((l) => visibleField(page, l).inputValue()));
  expect(values).toEqual([`${feedBase}/dav/x/`, 'davdraft', '', 'Supervision']);
  await expect(page.getByLabel('Write my bookings to this calendar', { exact: true }).isChecked()).resolves.toBe(true);
  await page.getByText('No other calendars yet.').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('the week still shows its sessions when the other calendars’ busy times cannot be read', async () => {
  await createTherapist('weeknobusy', ZONE);
  const { page, errors } = await openConsole(browser, asTherapist('Dr. Weeknobusy Test'), { viewport: { width: 1280, height: 900 } }, '#/hours');
  await page.getByRole('heading', { level: 1, name: 'Hours' }).waitFor();
  // A fault the runtime cannot be made to produce: the busy read fails while the rest works.
  let asked = 0;
  await page.route('**/v1/me/busy?**', (route) => {
    asked++;
    return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'down' } }) });
  });
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: /^Week of / }).waitFor();
  expect(asked).toBeGreaterThan(0);
  expect(await page.getByText('This page could not be loaded.').count()).toBe(0);
  await expect(page.locator('.week-day').count()).resolves.toBe(7);
  expect(errors).toEqual([]);
  await page.context().close();
});

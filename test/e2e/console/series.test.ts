import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { addDays } from '../../../widget/src/console/zoned-time';
import { createTherapist, emailsTo, nthWeekday } from '../widget/widget-fixture';
import { asTherapist, expectConsoleAccessible, http, openConsole, screenshot } from './console-fixture';

/**
 * Standing appointments in the console, end to end: set up keyboard-only, a week on time off
 * skipped (and placed by hand, as the series' own occurrence), the Week view's mark, a move and an end from a date, the clients'
 * email, axe and a 320 px screen.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const ZONE = 'Europe/Berlin';
const bearer = async (therapistId: string) => ({ authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId })).json.token as string}` });
const wall = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm ccc");

interface SeriesAnswer {
  id: string;
  status: string;
  occurrences: { start: string; status: string; reason?: string; bookingId?: string }[];
}

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any;
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return (el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
  });

/** Tabs until the focused control's label is `label`: keyboard only, as a user without a mouse would. */
async function tabTo(page: Page, label: string | RegExp) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedLabel(page);
    if (typeof label === 'string' ? focused === label : label.test(focused)) return;
  }
  throw new Error(`no focusable control labelled ${label}`);
}

/**
 * Types a date into the focused date input with keys only. Chromium lays the field out by the
 * machine's locale, not the page's, so the order of day and month is found by typing a probe first
 * (1 February or 2 January?), then Shift+Tab goes back to the first part and the date is typed over it.
 */
async function typeDate(page: Page, date: string) {
  const [y, m, d] = date.split('-');
  await page.keyboard.type('01022027');
  const monthFirst = (await page.evaluate(() => document.activeElement.value)) === '2027-01-02';
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type(monthFirst ? `${m}${d}${y}` : `${d}${m}${y}`);
  expect(await page.evaluate(() => document.activeElement.value)).toBe(date);
}

/** Types a time into the focused time input: "A" answers the AM/PM part where the field has one. */
async function typeTime(page: Page, hhmm: string) {
  await page.keyboard.type(`${hhmm.replace(':', '')}${Number(hhmm.slice(0, 2)) < 12 ? 'A' : 'P'}`);
  expect(await page.evaluate(() => document.activeElement.value)).toBe(hhmm);
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('a weekly series of 6 with week 3 on time off: 5 booked, week 3 skipped and placed by hand; marked in the Week view; moved from week 4; ended from week 5 with the clients emailed', async () => {
  const id = await createTherapist('series', ZONE);
  const auth = await bearer(id);
  const first = nthWeekday(2, 1); // the test month's first Tuesday, 09:00–13:00
  const week = (n: number) => addDays(first, 7 * (n - 1));
  const off = await http('POST', '/v1/me/time-off', { start: `${week(3)}T00:00:00+01:00`, end: `${addDays(week(3), 1)}T00:00:00+01:00`, label: 'Conference' }, auth);
  expect(off.status).toBe(201);
  const email = `${id}-client@example.test`;

  const { page, foreign, errors } = await openConsole(browser, asTherapist('Dr. Series Test'), { viewport: { width: 1280, height: 1000 } }, '#/series');
  await page.getByRole('heading', { level: 1, name: 'Standing appointments' }).waitFor();
  await page.getByText('No standing appointments yet.').waitFor();
  await expectConsoleAccessible(page, 'no series yet');

  // ---- Set up keyboard-only: from the page's heading, Tab to each field and type. ----
  await page.getByRole('heading', { level: 1 }).focus();
  await tabTo(page, 'Session type');
  await page.keyboard.type('Indiv'); // a closed select's type-ahead
  expect(await page.getByLabel('Session type').evaluate((el: any) => el.selectedOptions[0].textContent)).toBe('Individual session');
  await tabTo(page, 'Date of the first session');
  await typeDate(page, first);
  await tabTo(page, 'Time');
  await typeTime(page, '10:00');
  await tabTo(page, 'Name');
  await page.keyboard.type('Alex Morgan');
  await tabTo(page, 'Email');
  await page.keyboard.type(email);
  await tabTo(page, 'How often');
  expect(await page.getByLabel('How often').inputValue()).toBe('1');
  await tabTo(page, 'After a number of sessions');
  await tabTo(page, 'Number of sessions');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('6');
  await tabTo(page, 'Book the standing appointment');
  await page.keyboard.press('Enter');

  const result = page.locator('.series-result');
  await result.getByText('Booked 5 sessions; 1 week skipped. The clients have been emailed.').waitFor();
  // Focus goes to the answer, so a keyboard user reads it next.
  expect(await page.evaluate(() => document.activeElement?.classList.contains('series-result'))).toBe(true);
  const lines = await result.locator('li').allInnerTexts();
  expect(lines).toHaveLength(6);
  expect(lines.map((l) => l.split(': ').pop())).toEqual(['Booked', 'Booked', 'Skipped (time off)', 'Booked', 'Booked', 'Booked']);

  const card = page.locator('article.series');
  await card.getByRole('heading', { name: 'Alex · Individual session' }).waitFor();
  await card.getByText('every week on Tuesday at 10:00, 6 sessions').waitFor();
  await card.locator('.series-skipped li').filter({ hasText: 'skipped (time off)' }).waitFor();
  expect(await card.locator('.series-next li').count()).toBe(3);
  await expectConsoleAccessible(page, 'series created');
  await screenshot(page, 'series-created', { fullPage: true });

  const listed = (await http('GET', '/v1/me/series', undefined, auth)).json.series as SeriesAnswer[];
  expect(listed).toHaveLength(1);
  const seriesId = listed[0]!.id;
  expect(listed[0]!.occurrences.map((o) => [wall(o.start), o.status, o.reason])).toEqual([
    [`${week(1)}T10:00 Tue`, 'booked', undefined],
    [`${week(2)}T10:00 Tue`, 'booked', undefined],
    [`${week(3)}T10:00 Tue`, 'skipped', 'time_off'],
    [`${week(4)}T10:00 Tue`, 'booked', undefined],
    [`${week(5)}T10:00 Tue`, 'booked', undefined],
    [`${week(6)}T10:00 Tue`, 'booked', undefined],
  ]);

  // ---- Place week 3 by hand: the week's free times (not Tuesday, which is off), one press books the first, Monday 09:00, as
  // the series' own occurrence (decision 73): it shows booked after a reload, and the API lists it in the series. ----
  await card.getByRole('button', { name: /^Place the skipped week of/ }).click();
  const times = card.locator('.place-week button.slot');
  await times.first().waitFor();
  const offered = await times.allInnerTexts();
  expect(offered.some((t) => t.startsWith('Tuesday'))).toBe(false);
  expect(offered[0]).toMatch(/^Monday/);
  await times.first().click();
  await card.locator('.series-placed li').getByText(/^Monday.*placed by hand$/).waitFor();
  expect(await card.locator('.series-skipped').count()).toBe(0);
  const placedWeek = (await http('GET', `/v1/me/series/${seriesId}`, undefined, auth)).json.series as SeriesAnswer;
  expect([wall(placedWeek.occurrences[2]!.start), placedWeek.occurrences[2]!.status]).toEqual([`${addDays(week(3), -1)}T09:00 Mon`, 'booked']);
  const weekThree = (await http('GET', `/v1/me/bookings?from=${addDays(week(3), -1)}&to=${addDays(week(3), 5)}`, undefined, auth)).json.bookings as { id: string; start: string; seriesId?: string; clients: { email: string }[] }[];
  expect(weekThree.map((b) => [wall(b.start), b.id, b.seriesId, b.clients[0]!.email])).toEqual([[`${addDays(week(3), -1)}T09:00 Mon`, placedWeek.occurrences[2]!.bookingId, seriesId, email]]);
  await page.reload();
  await page.getByRole('button', { name: asTherapist('Dr. Series Test') }).click();
  await page.getByRole('heading', { level: 1, name: 'Standing appointments' }).waitFor();
  await card.getByRole('heading', { name: 'Alex · Individual session' }).waitFor();
  await card.locator('.series-placed li').getByText(/^Monday.*placed by hand$/).waitFor();
  expect(await card.getByRole('button', { name: /^Place the skipped week of/ }).count()).toBe(0);
  await expectConsoleAccessible(page, 'a week placed by hand, after a reload');
  // The client is told of the placed date once, on its own.
  const placedMail = await (async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = (await emailsTo(email)).filter((e) => e.subject === 'Appointment confirmed');
      if (found.length || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  expect(placedMail).toHaveLength(1);

  // ---- The Week view marks an occurrence as a standing appointment. ----
  await page.getByRole('link', { name: 'Week', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Week' }).waitFor();
  const target = DateTime.fromISO(addDays(week(1), -1), { zone: 'UTC' }).toFormat('MMMM d'); // that week's Monday
  for (let i = 0; i < 70 && !(await page.getByRole('heading', { level: 2, name: /^Week of / }).innerText()).includes(target); i++) {
    const before = await page.getByRole('heading', { level: 2, name: /^Week of / }).innerText();
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.waitForFunction((b) => document.querySelector('.week-range')?.textContent !== b, before);
  }
  expect(await page.getByRole('heading', { level: 2, name: /^Week of / }).innerText()).toContain(target);
  const occurrence = page.locator('article.booking').filter({ hasText: 'Alex' });
  await occurrence.locator('.badge.standing').getByText('Standing, every week').waitFor();
  await expectConsoleAccessible(page, 'week with a series occurrence');

  // ---- Move from week 4 to Thursdays at 11:00. ----
  await page.getByRole('link', { name: 'Standing appointments' }).click();
  await card.getByRole('button', { name: 'Move the standing appointment of Alex from a date' }).click();
  await card.getByLabel('Move every session from').fill(week(4));
  await card.getByLabel('New date of the first moved session').fill(addDays(week(4), 2));
  await card.getByLabel('New time').fill('11:00');
  await card.getByRole('button', { name: 'Move the sessions' }).click();
  await card.getByText('every week on Thursday at 11:00, 6 sessions').waitFor();
  expect(await card.locator('.not-moved').count()).toBe(0);
  const moved = (await http('GET', `/v1/me/series/${seriesId}`, undefined, auth)).json.series as SeriesAnswer;
  expect(moved.occurrences.map((o) => [wall(o.start), o.status])).toEqual([
    [`${week(1)}T10:00 Tue`, 'booked'],
    [`${week(2)}T10:00 Tue`, 'booked'],
    [`${addDays(week(3), -1)}T09:00 Mon`, 'booked'],
    [`${addDays(week(4), 2)}T11:00 Thu`, 'booked'],
    [`${addDays(week(5), 2)}T11:00 Thu`, 'booked'],
    [`${addDays(week(6), 2)}T11:00 Thu`, 'booked'],
  ]);

  // ---- End from week 5: the dialog says the client is emailed; the rest is cancelled. ----
  await card.getByRole('button', { name: 'End the standing appointment of Alex from a date' }).click();
  await card.getByLabel('Cancel every session from').fill(week(5));
  await card.getByRole('button', { name: 'End the standing appointment', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'End this standing appointment?' });
  await dialog.getByText(/on is cancelled, and the client is emailed\.$/).waitFor();
  await expectConsoleAccessible(page, 'end dialog');
  await dialog.getByRole('button', { name: 'End it' }).click();
  await card.getByText('Ended', { exact: true }).waitFor();
  const ended = (await http('GET', `/v1/me/series/${seriesId}`, undefined, auth)).json.series as SeriesAnswer;
  expect(ended.status).toBe('ended');
  expect(ended.occurrences.map((o) => o.status)).toEqual(['booked', 'booked', 'booked', 'booked', 'cancelled', 'cancelled']);
  const cancelled = await (async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = (await emailsTo(email)).filter((e) => e.subject === 'Appointments cancelled');
      if (found.length || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  expect(cancelled).toHaveLength(1);

  // ---- 320 px: everything reachable without scrolling sideways. ----
  await page.setViewportSize({ width: 320, height: 800 });
  await card.getByRole('heading', { name: 'Alex · Individual session' }).waitFor();
  expect(await noHorizontalScroll(page)).toBe(true);
  await expectConsoleAccessible(page, 'series at 320 px');
  await screenshot(page, 'series-320', { fullPage: true });

  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('field errors of a new series are shown at their fields, and a couples type asks for both partners', async () => {
  const id = await createTherapist('serieserr', ZONE);
  const { page, errors } = await openConsole(browser, asTherapist('Dr. Serieserr Test'), { viewport: { width: 1280, height: 1000 } }, '#/series');
  await page.getByRole('heading', { level: 1, name: 'Standing appointments' }).waitFor();
  await page.getByLabel('Session type').selectOption({ label: 'Couples session' });
  await page.getByRole('group', { name: 'Partner 2' }).waitFor();
  await page.getByLabel('Date of the first session').fill(nthWeekday(3, 1));
  await page.getByLabel('Time', { exact: true }).fill('09:00');
  await page.getByRole('group', { name: 'Partner 1' }).getByLabel('Name').fill('Sam One');
  await page.getByRole('group', { name: 'Partner 1' }).getByLabel('Email').fill('not-an-email');
  await page.getByRole('group', { name: 'Partner 2' }).getByLabel('Name').fill('Kim Two');
  await page.getByRole('group', { name: 'Partner 2' }).getByLabel('Email').fill(`${id}-kim@example.test`);
  // Only the chosen end's field is shown: a count by default, a date when "On a date" is chosen.
  expect(await page.getByLabel('Last date').isVisible()).toBe(false);
  await page.getByLabel('On a date').check();
  expect(await page.getByLabel('Number of sessions', { exact: true }).isVisible()).toBe(false);
  await page.getByLabel('After a number of sessions').check();
  await page.getByLabel('Number of sessions', { exact: true }).fill('60');
  await page.getByRole('button', { name: 'Book the standing appointment' }).click();
  const emailField = page.getByRole('group', { name: 'Partner 1' }).getByLabel('Email');
  await page.waitForFunction(() => document.querySelectorAll('[aria-invalid="true"]').length >= 2);
  expect(await emailField.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Number of sessions', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  // Each error is tied to its field.
  const describedBy = (await emailField.getAttribute('aria-describedby'))!.split(' ');
  const message = await page.locator(`#${describedBy[describedBy.length - 1]}`).innerText();
  expect(message).toMatch(/email/);
  await expectConsoleAccessible(page, 'series field errors');
  expect((await http('GET', '/v1/me/series', undefined, await bearer(id))).json.series).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

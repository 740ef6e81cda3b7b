import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { createTherapist, expectAccessible, expectCleanRun, http, INDIVIDUAL, nthWeekday, openWidget, widgetText, type WidgetPage } from './widget-fixture';

/*
 * A series through the widget (issue 13, Clients): a type with `repeat` offers "every week / every
 * 2 weeks, N times" on the details step, shows the dates the preview API judges free or skipped
 * before the Book button, books the series, and the manage link shows it and cancels the rest.
 * The client's side by keyboard, axe on each new view, at 320 px wide.
 */
let browser: Browser;
let therapist: string;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const therapistAuth = async (id: string) => bearer((await http('POST', '/_local/token', { therapistId: id })).json.token as string);

beforeAll(async () => {
  [browser, therapist] = await Promise.all([launchChromium(), createTherapist('series')]);
  const auth = await therapistAuth(therapist);
  const { id, ...type } = INDIVIDUAL;
  expect((await http('PUT', `/v1/me/session-types/${id}`, { ...type, repeat: { everyWeeks: [1, 2], maxCount: 12 } }, auth)).status).toBe(200);
});
afterAll(() => browser?.close());

const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));
const shortDay = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.parse(date));
const plusWeeks = (date: string, weeks: number) => new Date(Date.parse(`${date}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
const scrollWidth = (w: WidgetPage) => w.page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

/** What has focus inside the widget: "TAG|id|accessible text". */
const focused = (page: Page) =>
  page.evaluate(`(() => {
    const a = document.querySelector('booking-widget').shadowRoot.activeElement;
    return a ? [a.tagName, a.id, (a.getAttribute('aria-label') || a.textContent || '').trim()].join('|') : '';
  })()`) as Promise<string>;
/** Waits for a condition (15 s: the machine may be shared by other runs). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('weekly × 6 with week 3 on time off: the preview skips it, the confirmation lists 5 + 1, the manage link cancels the rest from the 4th', async () => {
  const first = nthWeekday(1, 1); // the first Monday of the month, 10:00 Berlin
  const dates = [0, 1, 2, 3, 4, 5].map((k) => plusWeeks(first, k));
  const auth = await therapistAuth(therapist);
  const off = await http('POST', '/v1/me/time-off', { start: `${dates[2]}T00:00:00+01:00`, end: `${dates[2]}T23:59:00+01:00`, label: 'away' }, auth);
  expect(off.status).toBe(201);

  const w = await openWidget(browser, therapist, { viewport: { width: 320, height: 720 } });
  const { page, widget } = w;
  await widget.getByRole('button', { name: /Individual session/ }).click();
  await widget.locator('button.day.open').first().waitFor();
  await widget.getByRole('button', { name: new RegExp(`^${dayLabel(first)}, times available`) }).click();
  await widget.getByRole('button', { name: '10:00', exact: true }).click();
  await until(() => focused(page), (f) => /^H2\|\|Your details/.test(f), 'focus on the details heading');

  // Keyboard only: Tab reaches the repeat choice, arrows choose "Every week", Tab the number of sessions.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('INPUT|bw-repeat-0|');
  await page.keyboard.press('ArrowDown');
  expect(await widget.getByRole('radio', { name: 'Every week' }).isChecked()).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^SELECT\|bw-count\|/);
  await page.keyboard.press('ArrowDown'); // 7
  await page.keyboard.press('ArrowUp'); // back to 6
  expect(await widget.getByLabel('Number of sessions').inputValue()).toBe('6');

  // The preview's own line (the live region says the same words a moment later: not that one).
  await widget.locator('.preview p', { hasText: '5 dates are free, 1 would be skipped.' }).waitFor();
  const rows = widget.locator('.preview .dates li');
  await rows.nth(5).waitFor(); // the summary is announced as the list is drawn
  expect(await rows.count()).toBe(6);
  for (const [k, date] of dates.entries()) {
    const row = await rows.nth(k).innerText();
    expect(row).toContain(shortDay(date));
    expect(row).toContain(k === 2 ? 'Skipped: the therapist has time off' : 'Free');
  }
  // The live region told a screen reader what the list shows.
  await until(async () => (await widget.locator('.bw > [role="status"]').textContent()) ?? '', (t) => t.includes('5 dates are free, 1 would be skipped.'), 'the live region');
  expect(await scrollWidth(w)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'repeat preview');
  await w.shot('series-01-preview.png');

  const email = `series-${Date.now()}@example.test`;
  await widget.getByLabel('Your name', { exact: true }).fill('Robin Series');
  await widget.getByLabel('Your email', { exact: true }).fill(email);
  await widget.getByLabel('I have read and accept the cancellation policy').check();
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/v1/bookings'));
  await widget.getByRole('button', { name: 'Book appointment' }).click();
  const answer = await answered;
  expect(answer.request().postDataJSON().repeat).toEqual({ everyWeeks: 1, count: 6 });
  // The token the confirmation email's manage link carries (the first occurrence's).
  const { booking: firstBooking, manageToken, series: booked } = (await answer.json()) as { booking: { id: string }; manageToken: string; series: { id: string } };

  await widget.getByRole('heading', { name: 'Your sessions are booked' }).waitFor();
  await widget.getByRole('heading', { name: 'Booked (5)' }).waitFor();
  await widget.getByRole('heading', { name: 'Skipped (1)' }).waitFor();
  const text = await widgetText(w);
  for (const k of [0, 1, 3, 4, 5]) expect(text).toContain(shortDay(dates[k]!));
  expect(text).toMatch(new RegExp(`${shortDay(dates[2]!)}[^\\n]*\\n?\\s*Skipped: the therapist has time off`));
  expect(await scrollWidth(w)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'series confirmation');
  await w.shot('series-02-booked.png');
  expectCleanRun(w);
  await w.close();

  const m = await openWidget(browser, null, { viewport: { width: 320, height: 720 } }, `#manage=${firstBooking.id}&token=${encodeURIComponent(manageToken)}`);
  await m.widget.getByRole('heading', { name: 'Your series' }).waitFor();
  const seriesRows = m.widget.locator('.series .dates li');
  await seriesRows.first().waitFor();
  expect(await seriesRows.count()).toBe(6);
  expect(await seriesRows.nth(0).innerText()).toContain('this appointment');
  expect(await seriesRows.nth(2).innerText()).toContain('Skipped: the therapist has time off');
  expect(await scrollWidth(m)).toBeLessThanOrEqual(320);
  await expectAccessible(m.page, 'manage series');
  await m.shot('series-03-manage.png');

  // Cancel the rest from the 4th date (the 4th booked week is dates[3]).
  await m.widget.getByRole('button', { name: new RegExp(`^Cancel the session on ${shortDay(dates[3]!)}.* and all later ones$`) }).click();
  await m.widget.getByRole('heading', { name: 'Cancel these sessions?' }).waitFor();
  expect(await m.widget.locator('.dates li').count()).toBe(3);
  await expectAccessible(m.page, 'confirm series cancel');
  await m.widget.getByRole('button', { name: 'Yes, cancel them' }).click();
  await m.widget.getByRole('heading', { name: 'Your sessions are cancelled' }).waitFor();
  expect((await m.widget.locator('.dates li').allInnerTexts()).every((t) => t.includes('Cancelled'))).toBe(true);
  await m.shot('series-04-cancelled.png');

  const series = (await http('GET', `/v1/series/${booked.id}`, undefined, bearer(manageToken))).json.series as { occurrences: { status: string }[] };
  expect(series.occurrences.map((o) => o.status)).toEqual(['booked', 'booked', 'skipped', 'cancelled', 'cancelled', 'cancelled']);
  await m.widget.getByRole('button', { name: 'Back to your appointment' }).click();
  await m.widget.getByRole('heading', { name: 'Your series' }).waitFor();
  expectCleanRun(m);
  await m.close();
});

/**
 * The manage page of a series whose first date is three hours away as the browser's clock sees it,
 * with the practice's window and mode staged (the runtime's settings and clock are shared by every
 * e2e file), as manage.test does for one booking.
 */
async function openSeriesInsideWindow(mode: 'refuse' | 'flag', weekday: number) {
  const start = `${nthWeekday(weekday, 1)}T11:00:00+01:00`;
  const r = await http('POST', '/v1/bookings', {
    therapistId: therapist, sessionTypeId: INDIVIDUAL.id, start, timeZone: 'Europe/Berlin',
    clients: [{ name: 'Late Series', email: `late-${mode}-${Date.now()}@example.test` }], policyAccepted: true, repeat: { everyWeeks: 1, count: 3 },
  });
  expect(r.status).toBe(201);
  const w = await openWidget(browser, null);
  await w.page.clock.setFixedTime(Date.parse(start) - 3 * 3_600_000);
  await w.page.route('**/v1/practice', async (route) => {
    const real = await route.fetch();
    const body = await real.json();
    await route.fulfill({ response: real, json: { practice: { ...body.practice, lateCancellationHours: 24, lateCancellationMode: mode } } });
  });
  await w.page.reload();
  await w.widget.getByRole('heading', { name: /Choose a (therapist|type of session)/ }).waitFor();
  await w.page.evaluate((hash) => ((globalThis as any).location.hash = hash), `#manage=${r.json.booking.id}&token=${encodeURIComponent(r.json.manageToken)}`);
  await w.widget.getByRole('heading', { name: 'Your series' }).waitFor();
  await w.widget.locator('.series .dates li').first().waitFor();
  return { w, series: r.json.series as { id: string; occurrences: { start: string; status: string }[] } };
}

test('inside the late window, refuse mode: cancelling the series says the first stays booked, and the result shows it kept', async () => {
  const { w, series } = await openSeriesInsideWindow('refuse', 3) // Wednesdays;
  // The server's clock is not the browser's: its answer is staged as refuse mode gives it (decision 60).
  await w.page.route(`**/v1/series/${series.id}/cancel`, (route) =>
    route.fulfill({ json: { series: { ...series, status: 'ended', occurrences: series.occurrences.map((o, i) => ({ ...o, status: i === 0 ? 'booked' : 'cancelled' })) } } }),
  );
  await w.widget.locator('.series .dates li').first().getByRole('button', { name: /^Cancel the session on / }).click();
  await w.widget.getByRole('heading', { name: 'Cancel these sessions?' }).waitFor();
  expect(await widgetText(w)).toContain('The session within 24 hours stays booked: it can no longer be cancelled online.');
  await w.widget.getByRole('button', { name: 'Yes, cancel them' }).click();
  await w.widget.getByRole('heading', { name: 'Your sessions are cancelled' }).waitFor();
  expect(await widgetText(w)).toContain('1 session stays booked.');
  expectCleanRun(w);
  await w.close();
});

test('inside the late window, flag mode: the confirm step says a cancellation now counts as late', async () => {
  const { w } = await openSeriesInsideWindow('flag', 4) // Thursdays;
  await w.widget.locator('.series .dates li').first().getByRole('button', { name: /^Cancel the session on / }).click();
  await w.widget.getByRole('heading', { name: 'Cancel these sessions?' }).waitFor();
  expect(await widgetText(w)).toContain('Cancelling a session less than 24 hours before it begins counts as a late cancellation.');
  // A date outside the window: no such warning.
  await w.widget.getByRole('button', { name: 'Keep them' }).click();
  await w.widget.locator('.series .dates li').nth(1).getByRole('button', { name: /^Cancel the session on / }).click();
  await w.widget.getByRole('heading', { name: 'Cancel these sessions?' }).waitFor();
  expect(await widgetText(w)).not.toContain('counts as a late cancellation');
  expectCleanRun(w);
  await w.close();
});

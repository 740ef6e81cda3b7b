import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { bookingsOf, bookThroughApi, createTherapist, emailsTo, expectCleanRun, MONTH, nthWeekday, openWidget, slotsOn, widgetText, type WidgetPage } from './widget-fixture';

let browser: Browser;
let therapist: string;
beforeAll(async () => {
  [browser, therapist] = await Promise.all([launchChromium(), createTherapist('booking')]);
});
afterAll(() => browser?.close());

const monthTitle = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${MONTH}-01`));
const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));

/** Session type → day → time, by clicks, as a client on a desktop does it. */
async function pickSlot(w: WidgetPage, type: RegExp, date: string, time: string, shots = false) {
  await w.widget.getByRole('button', { name: type }).click();
  await expect(w.widget.getByRole('heading', { name: 'Choose a date and time' })).toBeFocusedSoon();
  await w.widget.locator('button.day.open').first().waitFor();
  expect(await w.widget.locator('.month-title').textContent()).toBe(monthTitle);
  if (shots) await w.shot('02-month.png');
  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(date)}, times available`) }).click();
  await w.widget.getByRole('heading', { name: dayLabel(date) }).waitFor();
  if (shots) await w.shot('03-slots.png');
  await w.widget.getByRole('button', { name: time, exact: true }).click();
  await w.widget.getByLabel('Your name').waitFor();
}

async function fill(w: WidgetPage, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await w.widget.getByLabel(label, { exact: true }).fill(value);
}

// A tiny matcher that waits: focus lands on the heading after the step renders.
expect.extend({
  async toBeFocusedSoon(locator: import('playwright-core').Locator) {
    const deadline = Date.now() + 5000;
    for (;;) {
      const focused = await locator.evaluate((el: any) => el.getRootNode().activeElement === el).catch(() => false);
      if (focused || Date.now() > deadline) return { pass: focused, message: () => `expected ${locator} to be focused` };
      await new Promise((r) => setTimeout(r, 50));
    }
  },
});
declare global {
  namespace jest {
    interface Matchers<R> {
      toBeFocusedSoon(): Promise<R>;
    }
  }
}

test('books an individual session: session types, month, slots, form with errors, confirmation, calendar file, email', async () => {
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(3, 1); // the first Wednesday of the month
  const email = `ind-${Date.now()}@example.test`;
  const posts: { headers: Record<string, string>; body: any }[] = [];
  w.page.on('request', (q) => q.method() === 'POST' && q.url().endsWith('/v1/bookings') && posts.push({ headers: q.headers(), body: q.postDataJSON() }));

  const card = w.widget.getByRole('button', { name: /Individual session/ });
  await card.getByText(/Next opening/).waitFor();
  expect(await card.textContent()).toMatch(/50 min · Online — the link comes by email.*One client, by secure video\..*Next opening: .*09:00/);
  await w.shot('01-session-types.png');

  await pickSlot(w, /Individual session/, date, '10:00', true);
  await w.shot('04-form.png');
  // Submitting empty: every required field says what is wrong, and focus goes to the first.
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  const name = w.widget.getByLabel('Your name');
  await expect(name).toBeFocusedSoon();
  expect(await name.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await name.getAttribute('aria-describedby'))!;
  expect(await w.widget.locator(`[id="${describedBy}"]`).textContent()).toBe('Please enter your name.');
  expect(await w.widget.getByLabel('Your email').getAttribute('aria-invalid')).toBe('true');
  expect(await w.widget.getByRole('checkbox').getAttribute('aria-invalid')).toBe('true');
  await w.shot('04b-form-errors.png');

  await fill(w, { 'Your name': 'Alex Example', 'Your email': email, 'Phone (optional)': '+49 30 1234567', 'Anything your therapist should know? (optional)': 'First time; a little nervous.' });
  expect(await w.widget.getByText('Only your therapist sees this. It is never put in emails.').count()).toBe(1);
  expect(await widgetText(w)).toContain('Please cancel or reschedule at least 24 hours ahead.');
  await w.widget.getByRole('checkbox', { name: 'I have read and accept the cancellation policy' }).check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();

  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  const text = await widgetText(w);
  expect(text).toContain(new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(Date.parse(date)));
  expect(text).toMatch(/10:00.10:50/);
  // The zone as people say it, with the offset in force on that day.
  const zonePart = (style: 'longGeneric' | 'shortOffset') => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: style }).formatToParts(Date.parse(`${date}T10:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value;
  expect(text).toContain(`Times in ${zonePart('longGeneric')} (${zonePart('shortOffset')})`);
  expect(text).toContain(`A confirmation email is on its way to ${email}.`);
  expect(text).toContain('To reschedule or cancel, use the link in your confirmation email.');
  await w.shot('05-confirmation.png');

  // Exactly what the API wants, in the client's zone, with a key; the note only ever in this POST.
  expect(posts).toHaveLength(1);
  expect(posts[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{32,36}$/);
  expect(posts[0]!.body).toEqual({
    therapistId: therapist, sessionTypeId: 'talk-50', start: `${date}T10:00:00+01:00`, timeZone: 'Europe/Berlin',
    clients: [{ name: 'Alex Example', email, phone: '+49 30 1234567' }], note: 'First time; a little nervous.', policyAccepted: true,
    locale: 'en-GB-u-hc-h23', // the page's locale and the clock the client saw (issue 16)
    website: '', formMs: expect.any(Number), // the honeypot, empty, and the form's time (issue 17)
  });
  expect(posts[0]!.body.formMs).toBeGreaterThanOrEqual(2000);
  const booked = (await bookingsOf(therapist)).find((b) => b.clients[0]?.email === email)!;
  expect(booked.note).toBe('First time; a little nervous.');

  // "Add to calendar": a private, discreet event at the booked instant, made in the browser.
  const [download] = await Promise.all([w.page.waitForEvent('download'), w.widget.getByRole('button', { name: 'Add to calendar' }).click()]);
  expect(download.suggestedFilename()).toBe('appointment.ics');
  const ics = readFileSync((await download.path())!, 'utf8');
  expect(ics.split('\r\n').slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
  expect(event.getFirstPropertyValue('uid')).toBe(`${booked.id}@practice-booking`);
  expect(event.getFirstPropertyValue('summary')).toBe('Appointment');
  expect(event.getFirstPropertyValue('class')).toBe('PRIVATE');
  expect((event.getFirstPropertyValue('dtstart') as any).toJSDate().toISOString()).toBe(new Date(`${date}T09:00:00Z`).toISOString());
  expect((event.getFirstPropertyValue('dtend') as any).toJSDate().toISOString()).toBe(new Date(`${date}T09:50:00Z`).toISOString());
  expect(ics).toMatch(/^DTSTART:\d{8}T\d{6}Z\r$/m);
  expect(ics).not.toMatch(/Alex|nervous|Individual/);

  expect((await emailsTo(email)).length).toBeGreaterThanOrEqual(1);

  // Nothing about the client is kept in the browser or written to its console.
  const stored = await w.page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]');
  expect(stored).toEqual([0, 0, '']);
  expect(w.console.join('\n')).not.toMatch(/Alex|example\.test|nervous/);
  expectCleanRun(w);
  await w.close();
});

test('without a therapist named on the page, the client picks one first, and Back returns to the list', async () => {
  const w = await openWidget(browser, null);
  await w.widget.getByRole('heading', { name: 'Choose a therapist' }).waitFor();
  await w.widget.getByRole('button', { name: /Dr\. Booking Test/ }).click();
  await w.widget.getByText('With Dr. Booking Test').waitFor();
  await w.widget.getByRole('button', { name: /Individual session/ }).getByText(/Next opening/).waitFor();
  await w.widget.getByRole('button', { name: 'Back' }).click();
  await w.widget.getByRole('heading', { name: 'Choose a therapist' }).waitFor();
  expectCleanRun(w);
  await w.close();
});

test('a month that fails to load says so and loads on "Try again"', async () => {
  const w = await openWidget(browser, therapist);
  await w.widget.getByRole('button', { name: /Individual session/ }).getByText(/Next opening/).waitFor();
  let failures = 0;
  await w.page.route('**/availability?*', (route) => (failures++ === 0 ? route.abort('internetdisconnected') : route.continue()));
  await w.widget.getByRole('button', { name: /Individual session/ }).click();
  const retry = w.widget.getByRole('alert').getByRole('button', { name: 'Try again' });
  await retry.waitFor();
  expect(await w.widget.locator('button.day.open').count()).toBe(0);
  await retry.click();
  await w.widget.locator('button.day.open').first().waitFor();
  expect(await w.widget.getByRole('alert').count()).toBe(0); // emptied, so hidden
  expectCleanRun(w);
  await w.close();
});

test('books a couples session with the partner, and each partner gets their own email', async () => {
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(4, 1);
  const [a, b] = [`pa-${Date.now()}@example.test`, `pb-${Date.now()}@example.test`];
  await pickSlot(w, /Couples session/, date, '09:00');
  expect(await widgetText(w)).toContain('Each of you gets your own confirmation and reminder emails.');
  await w.shot('04-form-couples.png');
  await fill(w, { 'Your name': 'Sam Partner', 'Your email': a });
  await w.widget.getByRole('checkbox').check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  // The partner's fields are required too.
  await expect(w.widget.getByLabel("Partner's name")).toBeFocusedSoon();
  await fill(w, { "Partner's name": 'Robin Partner', "Partner's email": b });
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expect(await widgetText(w)).toContain(`Each of you gets a confirmation email: ${a} and ${b}.`);
  expect(await widgetText(w)).toMatch(/09:00.10:20/);
  await w.shot('05-confirmation-couples.png');
  const booking = (await bookingsOf(therapist)).find((x) => x.clients[0]?.email === a)!;
  expect(booking.clients).toEqual([{ name: 'Sam Partner', email: a }, { name: 'Robin Partner', email: b }]);
  expect((await emailsTo(a)).length).toBeGreaterThanOrEqual(1);
  expect((await emailsTo(b)).length).toBeGreaterThanOrEqual(1);
  expectCleanRun(w);
  await w.close();
});

test('loses a race for a slot: a clear message, fresh slots for that day, the details kept', async () => {
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(5, 1);
  await pickSlot(w, /Individual session/, date, '11:00');
  await fill(w, { 'Your name': 'Kim Late', 'Your email': 'kim-late@example.test', 'Anything your therapist should know? (optional)': 'keep me' });
  await w.widget.getByRole('checkbox').check();
  // Someone else books 11:00 between showing and submitting.
  await bookThroughApi(therapist, `${date}T11:00:00+01:00`, 'faster@example.test');
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();

  await w.widget.getByRole('alert').getByText('that time was just booked by someone else').waitFor();
  await w.widget.getByRole('heading', { name: dayLabel(date) }).waitFor();
  await w.widget.getByRole('button', { name: '10:00', exact: true }).waitFor();
  expect(await w.widget.locator('.slots button').allTextContents()).toEqual(['09:00', '10:00', '12:00']);
  await w.shot('06-slot-taken.png');

  await w.widget.getByRole('button', { name: '12:00', exact: true }).click();
  expect(await w.widget.getByLabel('Your name').inputValue()).toBe('Kim Late');
  expect(await w.widget.getByLabel('Your email').inputValue()).toBe('kim-late@example.test');
  expect(await w.widget.getByLabel('Anything your therapist should know? (optional)').inputValue()).toBe('keep me');
  expect(await w.widget.getByRole('checkbox').isChecked()).toBe(true);
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expect(await widgetText(w)).toMatch(/12:00.12:50/);
  expectCleanRun(w);
  await w.close();
});

test('a lost answer, then "Try again" with the same Idempotency-Key: exactly one booking', async () => {
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(1, 2); // the second Monday
  const email = `retry-${Date.now()}@example.test`;
  const keys: string[] = [];
  let attempts = 0;
  await w.page.route('**/v1/bookings', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']!);
    // The first request reaches the server and books, but its answer never arrives.
    if (attempts++ === 0) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await pickSlot(w, /Individual session/, date, '09:00');
  await fill(w, { 'Your name': 'Jo Retry', 'Your email': email });
  await w.widget.getByRole('checkbox').check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();

  const retry = w.widget.getByRole('alert').getByRole('button', { name: 'Try again' });
  await retry.waitFor();
  expect(await w.widget.getByRole('alert').textContent()).toContain('We could not reach the booking service');
  await expect(retry).toBeFocusedSoon();
  await w.shot('07-network-error.png');
  await retry.click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();

  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const mine = (await bookingsOf(therapist)).filter((b) => b.clients[0]?.email === email);
  expect(mine).toHaveLength(1);
  expectCleanRun(w);
  await w.close();
});

test('a new attempt (changed details) gets a new key; a rate limit waits for Retry-After', async () => {
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(2, 2);
  const keys: string[] = [];
  let attempts = 0;
  await w.page.route('**/v1/bookings', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']!);
    attempts += 1;
    if (attempts === 1) return route.abort('internetdisconnected');
    if (attempts === 2) return route.fulfill({ status: 429, headers: { 'retry-after': '1', 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many requests.' } }) });
    return route.continue();
  });
  await pickSlot(w, /Individual session/, date, '10:00');
  await fill(w, { 'Your name': 'Lee Twice', 'Your email': 'lee-twice@example.test' });
  await w.widget.getByRole('checkbox').check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.getByRole('alert').getByRole('button', { name: 'Try again' }).waitFor();
  // The client fixes a typo before retrying: that is a new attempt.
  await fill(w, { 'Your name': 'Lee Twice-Over' });
  await w.widget.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
  const wait = w.widget.getByRole('alert').getByRole('button', { name: 'Try again' });
  await w.widget.getByRole('alert').getByText('Many people are booking right now').waitFor();
  expect(await wait.isDisabled()).toBe(true);
  await w.widget.getByRole('alert').getByText('You can try again now.').waitFor();
  await wait.click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expect(keys).toHaveLength(3);
  expect(keys[1]).not.toBe(keys[0]);
  expect(keys[2]).toBe(keys[1]);
  expectCleanRun(w);
  await w.close();
});

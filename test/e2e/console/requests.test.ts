import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { httpClient } from '../../support/http-client';
import { startNpmStart, type RunningRuntime } from '../../support/npm-start';
import { asAdmin, asTherapist, expectConsoleAccessible, openConsole, screenshot } from './console-fixture';

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any;

/*
 * Requests and held bookings in the console (issue 14), on a runtime of this file's own: it turns
 * the practice's email verification on and moves the virtual clock, which the shared runtime's
 * other files must not see.
 */
let runtime: RunningRuntime;
let http: ReturnType<typeof httpClient>;
let browser: Browser;
beforeAll(async () => {
  [runtime, browser] = await Promise.all([startNpmStart({ POWERTOOLS_LOG_LEVEL: 'WARN' }), launchChromium()]);
  http = httpClient(runtime.api);
}, 150_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const token = async (therapistId: string, role?: 'admin') => (await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token as string;
const admin = async () => bearer(await token('requests-admin', 'admin'));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ZONE = 'Europe/Berlin';
const TALK = { id: 'req-talk', name: 'First talk', kind: 'individual', durationMinutes: 50, modality: 'telehealth', approval: 'always' };
const PAIR = { id: 'req-pair', name: 'Couples intake', kind: 'couples', durationMinutes: 80, modality: 'in_person', approval: 'always' };

/** A therapist of one test's own, with weekday hours and two session types that need approval. */
async function therapist(name: string) {
  const id = `req-${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  const displayName = `Dr. ${name} Requests`;
  expect((await http('POST', '/v1/admin/therapists', { id, displayName, email: `${id}@example.test`, timeZone: ZONE }, await admin())).status).toBe(201);
  const auth = bearer(await token(id));
  const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
  expect((await http('PUT', '/v1/me/schedule', { timeZone: ZONE, weekly, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 90, slotIntervalMinutes: 60 }, auth)).status).toBe(200);
  for (const type of [TALK, PAIR]) expect((await http('POST', '/v1/me/session-types', type, auth)).status).toBe(201);
  return { id, displayName, auth };
}

/** The n-th free start of a type between one and three weeks ahead. */
async function slot(therapistId: string, typeId: string, n = 0): Promise<string> {
  const r = await http('GET', `/v1/therapists/${therapistId}/availability?sessionTypeId=${typeId}&from=${day(7)}&to=${day(21)}&timeZone=${ZONE}`);
  const starts = (r.json.days as { slots: { start: string }[] }[]).flatMap((d) => d.slots.map((s) => s.start));
  expect(starts.length).toBeGreaterThan(n);
  return starts[n]!;
}

async function book(therapistId: string, sessionTypeId: string, start: string, clients: { name: string; email: string }[], note?: string) {
  const r = await http('POST', '/v1/bookings', { therapistId, sessionTypeId, start, timeZone: ZONE, clients, policyAccepted: true, ...(note ? { note } : {}) });
  expect(r.status).toBe(201);
  return r.json.booking as { id: string; start: string; status: string; holdUntil?: string };
}

const statusOf = async (auth: Record<string, string>, id: string) =>
  ((await http('GET', `/v1/me/bookings?from=${day(0)}&to=${day(60)}`, undefined, auth)).json.bookings as { id: string; status: string }[]).find((b) => b.id === id)?.status;
const requestsLink = (page: Page) => page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: /^Requests/ });
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
/** Presses Next week until the booking's card shows (it is one to three weeks ahead). */
async function weekWith(page: Page, bookingId: string) {
  await page.getByRole('heading', { level: 2, name: /^Week of / }).waitFor();
  const card = page.locator(`article[data-booking="${bookingId}"]`);
  for (let i = 0; i < 5 && !(await card.count()); i++) {
    const range = await page.locator('.week-range').innerText();
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.waitForFunction((b) => document.querySelector('.week-range')?.textContent !== b, range);
  }
  await card.waitFor();
  return card;
}
const focusedBooking = (page: Page) => page.evaluate(() => document.activeElement?.closest('article')?.getAttribute('data-booking') ?? document.activeElement?.className);

test('requests come first with their number and the clients’ full names; approving one and declining the other with a reason update the list, the number and the bookings', async () => {
  const t = await therapist('Lane');
  const single = await book(t.id, TALK.id, await slot(t.id, TALK.id, 0), [{ name: 'Casey Quillfeather', email: 'casey.request@example.test' }]);
  const pair = await book(t.id, PAIR.id, await slot(t.id, PAIR.id, 3), [{ name: 'Alexa Marlowe', email: 'alexa.request@example.test' }, { name: 'Jordan Fairweather', email: 'jordan.request@example.test' }], 'We met our last therapist at a party.');
  expect([single.status, pair.status]).toEqual(['requested', 'requested']);

  // Signed in on no route, the console opens on Requests (something waits there), its number in the menu.
  const c = await openConsole(browser, asTherapist(t.displayName), { viewport: { width: 1280, height: 900 } }, '', runtime.api);
  const { page } = c;
  await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
  expect(page.url()).toMatch(/#\/requests$/);
  await page.waitForFunction(() => document.querySelector('nav a[data-route="#/requests"] .count')?.textContent === '2');
  await expect(requestsLink(page).innerText()).resolves.toMatch(/^Requests 2/);
  const main = page.getByRole('main');
  // The heading comes before the list has loaded: wait for the last card, then read.
  await main.getByText('We met our last therapist at a party.').waitFor();
  const text = await main.innerText();
  for (const seen of ['Casey Quillfeather', 'Alexa Marlowe & Jordan Fairweather', 'We met our last therapist at a party.', 'First talk · Individual', 'Couples intake · Couples', 'Answer by']) expect(text).toContain(seen);
  // Full names, never addresses.
  expect(await page.content()).not.toContain('@example.test');
  await expectConsoleAccessible(page, 'requests');
  await screenshot(page, 'console-requests', { fullPage: true });
  await page.setViewportSize({ width: 320, height: 800 });
  await expect(noHorizontalScroll(page)).resolves.toBe(true);
  await expectConsoleAccessible(page, 'requests at 320 px');
  await screenshot(page, 'console-requests-phone', { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The week shows the request as one, first name only, with the way to decide it.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Week', exact: true }).click();
  const inWeek = await weekWith(page, single.id);
  await inWeek.getByText('Request waiting for your decision').waitFor();
  await expect(inWeek.innerText()).resolves.toContain('Casey');
  expect(await inWeek.innerText()).not.toContain('Quillfeather');
  await expectConsoleAccessible(page, 'week with a request');
  await inWeek.getByRole('link', { name: /^Decide the request for .* in Requests$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
  await page.locator(`article[data-booking="${single.id}"]`).waitFor();

  // Approve: off the list, the number goes down, the booking is confirmed, focus on the request left.
  await page.locator(`article[data-booking="${single.id}"]`).getByRole('button', { name: /^Approve the request for / }).click();
  await page.getByRole('status').filter({ hasText: 'Approved. The client has been emailed the confirmation.' }).waitFor();
  await expect(page.locator(`article[data-booking="${single.id}"]`).count()).resolves.toBe(0);
  await page.waitForFunction(() => document.querySelector('nav a[data-route="#/requests"] .count')?.textContent === '1');
  await expect(focusedBooking(page)).resolves.toBe(pair.id);
  expect(await statusOf(t.auth, single.id)).toBe('confirmed');

  // Decline, keyboard only from the focused request: asked first, with a reason, then off the list.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Decline the request for /);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Decline this request?' });
  await dialog.getByText('Both clients will be emailed that the request could not be accepted, and the time is free again.').waitFor();
  await expectConsoleAccessible(page, 'decline dialog');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
  await page.keyboard.type('I am not taking new couples this spring.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Declined. Both clients have been emailed, and the time is free again.' }).waitFor();
  await page.getByText('No requests are waiting for your decision.').waitFor();
  await expect(dialog.count()).resolves.toBe(0);
  await page.waitForFunction(() => !document.querySelector('nav a[data-route="#/requests"] .count'));
  await expect(requestsLink(page).innerText()).resolves.toBe('Requests');
  expect(await statusOf(t.auth, pair.id)).toBe('declined');

  // Nothing waits any more: the next sign-in opens on the week.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: asTherapist(t.displayName) }).click();
  await page.getByRole('heading', { level: 1, name: 'Week' }).waitFor();
  expect(c.foreign).toEqual([]);
  expect(c.errors).toEqual([]);
  await page.context().close();
});

test('a request that lapsed on screen: approving it says so at its card, and it no longer counts', async () => {
  const t = await therapist('Moss');
  const request = await book(t.id, TALK.id, await slot(t.id, TALK.id, 1), [{ name: 'Robin Lapsed', email: 'robin.lapsed@example.test' }]);
  expect(request.status).toBe('requested');
  const { page, errors } = await openConsole(browser, asTherapist(t.displayName), { viewport: { width: 1280, height: 900 } }, '#/requests', runtime.api);
  const card = page.locator(`article[data-booking="${request.id}"]`);
  await card.waitFor();
  // The virtual clock passes the request's answer-by time while the therapist has it open.
  const clock = await http('POST', '/_local/clock', { now: new Date(Date.parse(request.holdUntil!) + 60_000).toISOString() });
  expect(clock.status).toBe(200);
  await card.getByRole('button', { name: /^Approve the request for / }).click();
  await card.getByText('This request lapsed before it was answered: the time is free again, and the client has been told.').waitFor();
  await expect(card.getByRole('button').count()).resolves.toBe(0);
  await expect(focusedBooking(page)).resolves.toBe(request.id);
  await page.waitForFunction(() => !document.querySelector('nav a[data-route="#/requests"] .count'));
  expect(await statusOf(t.auth, request.id)).toBe('expired');
  await expectConsoleAccessible(page, 'lapsed request');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a decline whose sign-in ended comes back after signing in again, its reason kept, and then goes through', async () => {
  const t = await therapist('Kerr');
  const request = await book(t.id, TALK.id, await slot(t.id, TALK.id, 4), [{ name: 'Sky Drafted', email: 'sky.drafted@example.test' }]);
  const { page, errors } = await openConsole(browser, asTherapist(t.displayName), {}, '#/requests', runtime.api);
  await page.locator(`article[data-booking="${request.id}"]`).getByRole('button', { name: /^Decline the request for / }).click();
  const dialog = page.getByRole('dialog', { name: 'Decline this request?' });
  await dialog.getByLabel('Reason (optional)').fill('Fully booked for new clients.');
  // The API refuses the token (as after a revocation): the shell keeps the dialog's reason and signs in again.
  await page.route('**/decline', (r) => r.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: 'Sign in again.' } } }));
  await dialog.getByRole('button', { name: 'Decline the request' }).click();
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  await page.unroute('**/decline');
  expect(await statusOf(t.auth, request.id)).toBe('requested');
  await page.getByRole('button', { name: asTherapist(t.displayName) }).click();
  await expect(dialog.getByLabel('Reason (optional)').inputValue()).resolves.toBe('Fully booked for new clients.');
  await dialog.getByRole('button', { name: 'Decline the request' }).click();
  await page.getByText('No requests are waiting for your decision.').waitFor();
  expect(await statusOf(t.auth, request.id)).toBe('declined');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('the verification and request settings round-trip, their errors at their fields; with verification on, a held booking shows in the week without a name', async () => {
  const before = (await http('GET', '/v1/admin/settings', undefined, await admin())).json.settings as Record<string, unknown>;
  const { page, errors } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/settings', runtime.api);
  try {
    await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
    const always = page.getByLabel('Clients confirm their email address first (recommended)');
    const off = page.getByLabel('Book at once, without confirming the address');
    const minutes = page.getByLabel('Time to confirm the address (minutes)');
    const hours = page.getByLabel('Time to answer a request (hours)');
    // What is stored shows (the demo practice starts with verification off).
    await expect(off.isChecked()).resolves.toBe(true);
    await expect(minutes.inputValue()).resolves.toBe(String(before.verificationMinutes));
    await expect(hours.inputValue()).resolves.toBe(String(before.requestHoldHours));
    await page.getByText(/could out or upset that person/).waitFor();

    // Out of range: each error at its field, the first focused, nothing saved.
    await minutes.fill('2');
    await hours.fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('[aria-invalid="true"]').nth(1).waitFor();
    await expect(minutes.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(hours.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(2);
    await expect(minutes.evaluate((el: any) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    for (const field of [minutes, hours]) {
      const errorId = (await field.getAttribute('aria-describedby'))!.split(' ').pop()!;
      expect(await page.locator(`#${errorId}`).innerText()).not.toBe('');
    }
    await expectConsoleAccessible(page, 'settings with hold errors');
    expect((await http('GET', '/v1/admin/settings', undefined, await admin())).json.settings).toMatchObject({ verificationMinutes: before.verificationMinutes, requestHoldHours: before.requestHoldHours });

    await always.check();
    await minutes.fill('45');
    await hours.fill('72');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await http('GET', '/v1/admin/settings', undefined, await admin())).json.settings).toMatchObject({ verifyClientEmail: 'always', verificationMinutes: 45, requestHoldHours: 72 });
    await page.reload();
    await page.getByRole('button', { name: asAdmin }).click();
    await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
    await expect(always.isChecked()).resolves.toBe(true);
    await expect(minutes.inputValue()).resolves.toBe('45');
    await expect(hours.inputValue()).resolves.toBe('72');

    // A booking now waits for its client's address: in the week it is held, nameless and without its note.
    const t = await therapist('Reed');
    const held = await book(t.id, TALK.id, await slot(t.id, TALK.id, 2), [{ name: 'Morgan Unproven', email: 'morgan.unproven@example.test' }], 'Please call me at work.');
    expect(held.status).toBe('pending_verification');
    const therapistPage = await openConsole(browser, asTherapist(t.displayName), { viewport: { width: 1280, height: 900 } }, '#/week', runtime.api);
    const week = therapistPage.page;
    const cardOf = await weekWith(week, held.id);
    await cardOf.getByText('Awaiting email confirmation').waitFor();
    await cardOf.getByText(/No name is shown until then/).waitFor();
    const whole = await week.content();
    for (const hidden of ['Morgan', 'Unproven', 'Please call me at work.', '@example.test']) expect(whole).not.toContain(hidden);
    await expect(cardOf.getByRole('button').count()).resolves.toBe(0);
    await expectConsoleAccessible(week, 'week with a held booking');
    await screenshot(week, 'console-week-held', { fullPage: true });
    expect(therapistPage.errors).toEqual([]);
    await week.context().close();
  } finally {
    await http('PUT', '/v1/admin/settings', before, await admin());
  }
  expect(errors).toEqual([]);
  await page.context().close();
});

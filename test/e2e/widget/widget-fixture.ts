import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { foreignRequests, launchChromium } from '../../support/browser';
import { httpClient } from '../../support/http-client';
import { startNpmStart, type RunningRuntime } from '../../support/npm-start';

/**
 * What the widget tests share: their own therapists (the runtime is shared with the other e2e files,
 * so nobody books anyone else's slots), a page with the widget, and the guards every test ends with.
 */
export let api = process.env.E2E_API!;
export let http = httpClient(api);

/**
 * Points this file's fixture at a runtime of its own (jest gives each test file its own modules):
 * for tests that change the practice's settings or move the virtual clock, which would disturb the
 * other files on the shared runtime.
 */
export function useRuntime(base: string): void {
  api = base;
  http = httpClient(base);
}

/**
 * A runtime (seeded, quiet) and a browser of the calling file's own, pointed at by this fixture:
 * started before the file's tests, stopped after them. `use` receives both once they are up (a
 * later beforeAll of the file sees them).
 */
export function ownRuntimeForFile(use: (runtime: RunningRuntime, browser: Browser) => void): void {
  let runtime: RunningRuntime | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startNpmStart({ LOCAL_SEED: '1', POWERTOOLS_LOG_LEVEL: 'WARN' }), launchChromium()]);
    useRuntime(runtime.api);
    use(runtime, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });
}
export const ARTIFACTS = path.resolve('test-artifacts/widget');
mkdirSync(ARTIFACTS, { recursive: true });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const token = async (therapistId: string, role?: 'admin') => (await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token as string;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The month the tests book in (e.g. January 2027): far enough ahead of both the real date and the
 * runtime's virtual clock (booking-flow.test sets it to 2026-12-01) that neither can matter.
 */
export const MONTH = (() => {
  const d = new Date(Math.max(Date.now(), Date.parse('2026-12-01T12:00:00Z')) + 40 * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
})();

/** The n-th (1-based) given weekday (0 = Sunday) of MONTH, as YYYY-MM-DD. */
export function nthWeekday(weekday: number, n = 1): string {
  const [y, m] = MONTH.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  return `${MONTH}-${pad(1 + ((weekday - first + 7) % 7) + (n - 1) * 7)}`;
}

export const INDIVIDUAL = { id: 'talk-50', name: 'Individual session', kind: 'individual', durationMinutes: 50, modality: 'telehealth', description: 'One client, by secure video.' };
export const COUPLES = { id: 'pair-80', name: 'Couples session', kind: 'couples', durationMinutes: 80, modality: 'in_person', description: 'Two partners, at the practice.' };

/**
 * A therapist of one test's own, with hours on weekdays and time off until MONTH starts, so the
 * first opening (and the month the widget opens on) is in MONTH whatever today is.
 */
export async function createTherapist(name: string, timeZone = 'Europe/Berlin', hours = [{ start: '09:00', end: '13:00' }]): Promise<string> {
  const id = `w-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const admin = await token('w-admin', 'admin');
  const created = await http('POST', '/v1/admin/therapists', { id, displayName: `Dr. ${name[0]!.toUpperCase()}${name.slice(1)} Test`, email: `${id}@example.test`, timeZone }, bearer(admin));
  expect(created.status).toBe(201);
  const auth = bearer(await token(id));
  const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, hours]));
  const schedule = await http('PUT', '/v1/me/schedule', { timeZone, weekly, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 400, slotIntervalMinutes: 60 }, auth);
  expect(schedule.status).toBe(200);
  for (const type of [INDIVIDUAL, COUPLES]) expect((await http('POST', '/v1/me/session-types', type, auth)).status).toBe(201);
  const off = await http('POST', '/v1/me/time-off', { start: new Date(Date.now() - 86_400_000).toISOString(), end: `${MONTH}-01T00:00:00Z`, label: 'before the test month' }, auth);
  expect(off.status).toBe(201);
  return id;
}

/** The therapist's own view of their bookings in MONTH (with notes), to count what really got booked. */
export async function bookingsOf(therapistId: string) {
  const r = await http('GET', `/v1/me/bookings?from=${MONTH}-01&to=${MONTH}-28`, undefined, bearer(await token(therapistId)));
  return r.json.bookings as { id: string; start: string; status: string; note?: string; clients: { name: string; email: string }[] }[];
}

export async function slotsOn(therapistId: string, sessionTypeId: string, date: string, timeZone: string) {
  const r = await http('GET', `/v1/therapists/${therapistId}/availability?sessionTypeId=${sessionTypeId}&from=${date}&to=${date}&timeZone=${timeZone}`);
  return (r.json.days[0]?.slots ?? []) as { start: string; end: string }[];
}

export async function bookThroughApi(therapistId: string, start: string, email = 'api-client@example.test') {
  const r = await http('POST', '/v1/bookings', { therapistId, sessionTypeId: INDIVIDUAL.id, start, timeZone: 'Europe/Berlin', clients: [{ name: 'Api Client', email }], policyAccepted: true });
  expect(r.status).toBe(201);
  return r.json as { booking: { id: string; start: string; end: string }; manageToken: string };
}

/** Waits until the local SES outbox has a message to `address`. */
export async function emailsTo(address: string, atLeast = 1) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const emails = ((await http('GET', '/_local/outbox')).json.emails as { destination: { to: string[] }; subject: string }[]).filter((e) => e.destination.to.some((to) => to.includes(address)));
    if (emails.length >= atLeast || Date.now() > deadline) return emails;
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface WidgetPage {
  page: Page;
  widget: Locator;
  /** Hosts other than this machine that the page asked for; must stay empty. */
  foreign: string[];
  /** Uncaught page errors and console output, for the no-errors and no-personal-data checks. */
  errors: string[];
  console: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The demo page (as npm start serves it) in a fresh browser context, with the widget pointed at
 * `therapistId` by setting its attribute, as a practice's own script might. The page's `lang`
 * (which the widget's dates follow; the demo page says `en`) is `pageLang`: en-GB unless a test
 * says otherwise, the British dates these tests were written for.
 */
export async function openWidget(browser: Browser, therapistId: string | null, options: BrowserContextOptions & { pageLang?: string } = {}, hash = ''): Promise<WidgetPage> {
  const { pageLang = 'en-GB', ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, timezoneId: 'Europe/Berlin', locale: 'en-GB', acceptDownloads: true, ...contextOptions });
  await context.route(`${api}/`, async (route) => {
    const real = await route.fetch();
    await route.fulfill({ response: real, body: (await real.text()).replace('<html lang="en">', `<html lang="${pageLang}">`) });
  });
  const page = await context.newPage();
  const foreign = foreignRequests(page);
  const errors: string[] = [];
  const consoleLines: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.goto(`${api}/${hash}`);
  const widget = page.locator('booking-widget');
  if (therapistId) await widget.evaluate((el: any, id: string) => el.setAttribute('therapist', id), therapistId);
  return {
    page,
    widget,
    foreign,
    errors,
    console: consoleLines,
    shot: async (name) => void (await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true })),
    close: () => context.close(),
  };
}

/** No request left this machine and the page threw nothing: asserted at the end of every test. */
export function expectCleanRun(w: WidgetPage) {
  expect(w.foreign).toEqual([]);
  expect(w.errors).toEqual([]);
}

/** axe on the widget's shadow tree: no serious or critical violation. */
export async function expectAccessible(page: Page, step: string) {
  const result = await new AxeBuilder({ page }).include('booking-widget').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${step}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/** The widget's text as a client sees it (its shadow root, without the style sheet). */
export const widgetText = (w: WidgetPage) => w.widget.evaluate((el: any) => el.shadowRoot.querySelector('.bw').innerText as string);

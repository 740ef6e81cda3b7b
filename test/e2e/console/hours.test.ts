import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { openWidget } from '../widget/widget-fixture';
import { asTherapist, consoleUrl, expectConsoleAccessible, http, openConsole } from './console-fixture';

/**
 * The "done when" path: a therapist changes Tuesday's hours in the console, sees the
 * preview mark the new Tuesday times as new, saves, and the widget offers them.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const token = async (therapistId: string, role?: 'admin') => (await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token as string;
const TYPE = { id: 'hours-talk-50', name: 'Hours talk', kind: 'individual', durationMinutes: 50, modality: 'telehealth' };

/** A therapist of this file's own: Monday and Wednesday to Friday 09:00–12:00, Tuesday off, no time off. */
async function therapist(name: string): Promise<{ id: string; displayName: string; auth: Record<string, string> }> {
  const id = `hours-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const displayName = `Dr. Hours ${name} ${id.slice(-6)}`;
  const created = await http('POST', '/v1/admin/therapists', { id, displayName, email: `${id}@example.test`, timeZone: 'Europe/Berlin' }, bearer(await token('hours-admin', 'admin')));
  expect(created.status).toBe(201);
  const auth = bearer(await token(id));
  const morning = [{ start: '09:00', end: '12:00' }];
  const weekly = { mon: morning, wed: morning, thu: morning, fri: morning };
  expect((await http('PUT', '/v1/me/schedule', { timeZone: 'Europe/Berlin', weekly, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 400, slotIntervalMinutes: 60 }, auth)).status).toBe(200);
  expect((await http('POST', '/v1/me/session-types', TYPE, auth)).status).toBe(201);
  return { id, displayName, auth };
}

const schedule = async (auth: Record<string, string>) => (await http('GET', '/v1/me/schedule', undefined, auth)).json.schedule;
const weekday = (date: string) => new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(`${date}T12:00:00Z`));

/** The Tuesday of the week after this one (what the preview shows), in Berlin. */
function nextTuesday(): string {
  const today = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Berlin' }));
  const monday = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + 7 - ((today.getDay() + 6) % 7)));
  return new Date(monday.getTime() + 86_400_000).toISOString().slice(0, 10);
}

async function openHours(name: string) {
  const t = await therapist(name);
  const c = await openConsole(browser, asTherapist(t.displayName));
  await c.page.getByRole('link', { name: 'Hours' }).click();
  await c.page.getByRole('heading', { name: 'Weekly hours' }).waitFor();
  return { ...t, ...c };
}

const row = (page: Page, day: string) => page.getByRole('group', { name: day, exact: true });

test('Tuesday on with new hours: the preview marks the new Tuesday times, saving changes the schedule, and the widget offers them', async () => {
  const { id, auth, page, foreign, errors } = await openHours('tuesday');
  await page.getByRole('switch', { name: 'Tuesday' }).check();
  await page.getByLabel('Tuesday, interval 1: From').fill('14:00');
  await page.getByLabel('Tuesday, interval 1: Until').fill('17:00');

  await page.getByRole('button', { name: 'Preview changes' }).click();
  const tuesday = page.getByRole('region', { name: weekday(nextTuesday()) });
  await tuesday.getByText('Tuesday: 3 new times').waitFor();
  // New times are said in words (not by colour alone), and nothing was saved by the preview.
  expect(await tuesday.getByRole('listitem').allInnerTexts()).toEqual(['+ 14:00 (new)', '+ 15:00 (new)', '+ 16:00 (new)']);
  await page.getByText(/^Tuesday: 3 new times\.$/).waitFor();
  expect((await schedule(auth)).weekly.tue).toBeUndefined();
  await expectConsoleAccessible(page, 'hours with preview');

  await page.getByRole('button', { name: 'Save hours' }).click();
  await waitFor(async () => (await schedule(auth)).weekly.tue?.[0]?.start === '14:00');
  expect((await schedule(auth)).weekly.tue).toEqual([{ start: '14:00', end: '17:00' }]);
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  // The widget, as a client sees it: a later Tuesday offers the new afternoon times.
  const date = new Date(Date.parse(nextTuesday()) + 14 * 86_400_000).toISOString().slice(0, 10);
  const w = await openWidget(browser, id);
  await w.widget.getByRole('button', { name: /Hours talk/ }).click();
  const widgetDay = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));
  const dayButton = w.widget.getByRole('button', { name: new RegExp(`^${widgetDay}, times available`) });
  await w.widget.locator('button.day.open').first().waitFor();
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(date));
  while ((await w.widget.locator('.month-title').textContent()) !== month) await w.widget.getByRole('button', { name: 'Next month' }).click();
  await dayButton.click();
  for (const time of ['14:00', '15:00', '16:00']) await w.widget.getByRole('button', { name: time, exact: true }).waitFor();
  await w.close();
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test("copy Monday's times to Wednesday to Friday, with the keyboard only", async () => {
  const { auth, page } = await openHours('copy');
  // From the page's heading on, only keys: Tab to each control, Enter and Space to use it.
  await page.getByRole('heading', { name: 'Hours', level: 1 }).focus();
  await tabTo(page, 'Add an interval on Monday');
  await page.keyboard.press('Enter');
  expect(await focusedName(page)).toBe('Monday, interval 2: From');
  await page.keyboard.type('1400');
  await tabTo(page, 'Monday, interval 2: Until');
  await page.keyboard.type('1800');
  await tabTo(page, 'Copy Monday’s times to…');
  await page.keyboard.press('Enter');
  expect(await focusedName(page)).toBe('Tuesday'); // the first box of the list
  for (const day of ['Wednesday', 'Thursday', 'Friday']) {
    await tabTo(page, day);
    await page.keyboard.press('Space');
  }
  await tabTo(page, 'Apply');
  await page.keyboard.press('Enter');
  expect(await focusedName(page)).toBe('Copy Monday’s times to…');
  for (const day of ['Wednesday', 'Thursday', 'Friday']) {
    await expect(row(page, day).getByLabel(`${day}, interval 2: From`).inputValue()).resolves.toBe('14:00');
  }
  await row(page, 'Tuesday').getByText('Not available').waitFor();
  // Save with the button, reached by Tab.
  await tabTo(page, 'Save hours');
  await page.keyboard.press('Enter');
  const two = [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '18:00' }];
  await waitFor(async () => JSON.stringify((await schedule(auth)).weekly.fri) === JSON.stringify(two));
  expect((await schedule(auth)).weekly).toEqual({ mon: two, wed: two, thu: two, fri: two });
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  expect(await focusedName(page)).toBe('Save hours');
  await page.context().close();
});

/** The focused element's accessible name, roughly: aria-label, else its label, else its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim();
  });

/** Presses Tab until the control named `name` has focus (a time field takes a Tab per part). */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 200; i++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

test("an interval ending before it starts: the API's error at that day's row, nothing saved", async () => {
  const { auth, page } = await openHours('error');
  const before = await schedule(auth);
  await page.getByLabel('Thursday, interval 1: Until').fill('08:00');
  await page.getByRole('button', { name: 'Save hours' }).click();
  const message = row(page, 'Thursday').getByText('Interval 1, until: end must be after start.');
  await message.waitFor();
  // The error is tied to the day's switch (where focus lands) and to its time fields.
  const toggle = page.getByRole('switch', { name: 'Thursday' });
  await expect(toggle.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(toggle.evaluate((el: any) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
  const errorId = await message.getAttribute('id');
  await expect(page.getByLabel('Thursday, interval 1: Until').getAttribute('aria-describedby')).resolves.toContain(errorId);
  // The preview maps the same error (its paths start with `schedule.`) to the same row.
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await message.waitFor();
  expect(await schedule(auth)).toEqual(before);
  await expectConsoleAccessible(page, 'hours with an error');
  await page.context().close();
});

test('at 320 px the editor and its preview fit without scrolling sideways', async () => {
  const t = await therapist('narrow');
  const c = await openConsole(browser, asTherapist(t.displayName), { viewport: { width: 320, height: 800 } });
  await c.page.getByRole('link', { name: 'Hours' }).click();
  await c.page.getByRole('switch', { name: 'Saturday' }).check();
  await c.page.getByRole('button', { name: 'Preview changes' }).click();
  await c.page.getByText(/^Saturday: 8 new times\.$/).waitFor();
  const overflow = await c.page.evaluate(() => { const root = (globalThis as any).document.documentElement; return root.scrollWidth - root.clientWidth; });
  expect(overflow).toBeLessThanOrEqual(0);
  await expectConsoleAccessible(c.page, 'hours at 320 px');
  await c.page.context().close();
});

async function waitFor(condition: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a sign-in that ends mid-edit keeps the unsaved hours: after signing in again they are back, unsaved', async () => {
  const t = await therapist('draft');
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${consoleUrl}#/hours`);
  await page.getByRole('button', { name: asTherapist(t.displayName) }).click();
  await page.getByRole('heading', { name: 'Weekly hours' }).waitFor();
  await page.getByRole('switch', { name: 'Tuesday' }).check();
  await page.getByLabel('Tuesday, interval 1: From').fill('14:00');
  await page.getByLabel('Buffer after each session (minutes)').fill('15');
  // The token's lifetime passes on the page's clock: the save cannot be sent with it.
  await page.clock.fastForward('02:00:00');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  // Back to the real time, so the token of the new sign-in is fresh on the page's clock too.
  await page.clock.setSystemTime(new Date());
  await page.getByRole('button', { name: asTherapist(t.displayName) }).click();
  await page.getByRole('heading', { name: 'Weekly hours' }).waitFor();
  await expect(page.getByRole('switch', { name: 'Tuesday' }).isChecked()).resolves.toBe(true);
  await expect(page.getByLabel('Tuesday, interval 1: From').inputValue()).resolves.toBe('14:00');
  await expect(page.getByLabel('Buffer after each session (minutes)').inputValue()).resolves.toBe('15');
  expect((await schedule(t.auth)).weekly.tue).toBeUndefined(); // kept, not saved
  await context.close();
});

import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { bookingsOf, createTherapist, expectAccessible, expectCleanRun, MONTH, nthWeekday, openWidget, widgetText, type WidgetPage } from './widget-fixture';

/**
 * Issue 16, items 3, 4, 8 and 10: paging months by keyboard while they load, the month on a phone
 * (only the weeks it needs, the times scrolled into view, one Tab stop with arrow keys), the session
 * types shown before their next openings are known, and a booking request that never answers.
 */
let browser: Browser;
let therapist: string;
beforeAll(async () => {
  [browser, therapist] = await Promise.all([launchChromium(), createTherapist('paging')]);
});
afterAll(() => browser?.close());

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const pad = (n: number) => String(n).padStart(2, '0');
const addMonths = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};
/** Week rows a month needs with Monday first (en-GB, as the tests' browser). */
const rowsOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const offset = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  return Math.ceil((offset + new Date(Date.UTC(y, m, 0)).getUTCDate()) / 7);
};
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The focused element in the widget: its data-date, else its accessible label or text. */
const focused = (page: Page) =>
  page.evaluate(`(() => {
    const a = document.querySelector('booking-widget').shadowRoot.activeElement;
    return a ? (a.dataset.date || a.getAttribute('aria-label') || a.textContent || '').trim() : '';
  })()`) as Promise<string>;

async function until(check: () => Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The month the grid shows, by its days' dates. */
const shownMonths = (w: WidgetPage) => w.widget.evaluate((el: any) => [...new Set([...el.shadowRoot.querySelectorAll('button.day')].map((b: any) => b.dataset.date.slice(0, 7)))]);

async function openMonth(w: WidgetPage) {
  await w.widget.getByRole('button', { name: /Individual session/ }).click();
  await w.widget.locator(`button.day.open[data-date^="${MONTH}"]`).first().waitFor();
}

async function pageTo(w: WidgetPage, month: string) {
  while ((await shownMonths(w))[0]! < month) {
    const before = (await shownMonths(w))[0];
    await w.widget.getByRole('button', { name: 'Next month' }).click();
    await until(async () => (await shownMonths(w))[0] !== before && (await w.widget.locator('table.month[aria-busy="false"]').count()) === 1, 'the next month');
  }
}

test('Enter three times on "Next month" while months load: focus stays, the third month is drawn, the stale loads are cancelled', async () => {
  const w = await openWidget(browser, therapist);
  await openMonth(w);
  const [first, second, third] = [1, 2, 3].map((n) => addMonths(MONTH, n)) as [string, string, string];
  // The first two months answer late (if at all); the third at once.
  const delayed: Promise<void>[] = [];
  const aborted: string[] = [];
  w.page.on('requestfailed', (r) => r.url().includes('/availability') && aborted.push(new URL(r.url()).searchParams.get('from')!.slice(0, 7)));
  await w.page.route('**/availability?*', (route: Route) => {
    const from = new URL(route.request().url()).searchParams.get('from')!;
    if (!from.startsWith(first) && !from.startsWith(second)) return route.continue();
    const late = new Promise<void>((r) => setTimeout(r, 1500)).then(() => route.continue().catch(() => undefined));
    delayed.push(late);
    return late;
  });
  await w.widget.getByRole('button', { name: 'Next month' }).focus();
  for (let i = 0; i < 3; i++) {
    await w.page.keyboard.press('Enter');
    expect(await focused(w.page)).toBe('Next month');
  }
  await w.widget.locator(`button.day.open[data-date^="${third}"]`).first().waitFor();
  await until(async () => delayed.length === 2, 'both stale requests');
  await Promise.all(delayed);
  await until(async () => aborted.length === 2, 'the stale requests to be aborted');
  expect(aborted.sort()).toEqual([first, second]);
  // The late answers drew nothing: still the third month, its openings, focus where it was.
  expect(await shownMonths(w)).toEqual([third]);
  expect(await w.widget.locator('button.day.open').count()).toBeGreaterThan(0);
  expect(await w.widget.locator('table.month').getAttribute('aria-busy')).toBe('false');
  expect(await focused(w.page)).toBe('Next month');
  expectCleanRun(w);
  await w.close();
});

test('on a phone: only the weeks a month needs, the times scrolled into view after a tap, one Tab stop and arrow keys in the grid', async () => {
  const w = await openWidget(browser, therapist, PHONE);
  await openMonth(w);
  await expectAccessible(w.page, 'phone month');
  await w.shot('390-01-month.png');
  // A month of five rows and one of six, within the therapist's horizon.
  const months = Array.from({ length: 12 }, (_, i) => addMonths(MONTH, i));
  const five = months.find((m) => rowsOf(m) === 5)!;
  const six = months.find((m) => rowsOf(m) === 6)!;
  for (const month of [five, six].sort()) {
    await pageTo(w, month);
    expect(await w.widget.locator('table.month tbody tr').count()).toBe(rowsOf(month));
  }
  expect(await w.widget.locator('table.month tbody tr').count()).toBe(rowsOf(five > six ? five : six));

  // Back to the first month; tap a day: its times come into view.
  await w.widget.getByRole('button', { name: 'Back' }).click();
  await openMonth(w);
  const date = nthWeekday(3, 2);
  const times = w.widget.locator('.slots button').first();
  await w.widget.locator(`button[data-date="${date}"]`).tap();
  await times.waitFor();
  await until(async () => {
    const box = (await times.boundingBox())!;
    return box.y >= 0 && box.y + box.height <= 844;
  }, 'the first time to be in the viewport');
  await w.shot('390-02-times.png');

  // One Tab stop in the grid: the selected day; Tab again leaves the grid.
  await w.widget.getByRole('button', { name: 'Next month' }).focus();
  await w.page.keyboard.press('Tab');
  expect(await focused(w.page)).toBe(date);
  expect(await w.widget.locator('button.day[tabindex="0"]').count()).toBe(1);
  await w.page.keyboard.press('Tab');
  expect(await focused(w.page)).not.toMatch(/^\d{4}-\d\d-\d\d$/);
  await w.page.keyboard.press('Shift+Tab');
  expect(await focused(w.page)).toBe(date);

  // Arrows by day and week, Home/End to the week's ends (Monday first), days without openings too.
  await w.page.keyboard.press('ArrowRight');
  expect(await focused(w.page)).toBe(addDays(date, 1));
  await w.page.keyboard.press('ArrowDown');
  expect(await focused(w.page)).toBe(addDays(date, 8));
  await w.page.keyboard.press('ArrowLeft');
  await w.page.keyboard.press('ArrowUp');
  expect(await focused(w.page)).toBe(date);
  await w.page.keyboard.press('End');
  const sunday = addDays(date, 4); // a Wednesday's week ends on Sunday
  expect(await focused(w.page)).toBe(sunday);
  expect(await w.widget.locator(`button[data-date="${sunday}"]`).getAttribute('aria-label')).toMatch(/, no openings$/);
  await w.page.keyboard.press('Home');
  expect(await focused(w.page)).toBe(addDays(date, -2));
  expect(await w.widget.locator('button.day[tabindex="0"]').count()).toBe(1);
  // A day without openings does nothing when pressed.
  await w.page.keyboard.press('End');
  await w.page.keyboard.press('Enter');
  expect(await w.widget.locator('button.day[aria-pressed="true"]').getAttribute('data-date')).toBe(date);
  // PageDown: the same day next month, focused once it is drawn; PageUp back.
  await w.page.keyboard.press('PageDown');
  const nextMonthDay = `${addMonths(MONTH, 1)}-${sunday.slice(8)}`;
  await until(async () => (await focused(w.page)) === nextMonthDay, 'the same day next month');
  await w.page.keyboard.press('PageUp');
  await until(async () => (await focused(w.page)) === sunday, 'the day back in the first month');
  await w.widget.locator('table.month[aria-busy="false"]').waitFor();
  await expectAccessible(w.page, 'phone month after keys');
  expectCleanRun(w);
  await w.close();
});

test('the session types show before their next openings are known, are choosable, and fill in when the answers come', async () => {
  const w = await openWidget(browser, null, PHONE);
  const held: Route[] = [];
  await w.page.route('**/availability?*', (route: Route) => void held.push(route));
  await w.widget.evaluate((el: any, id: string) => {
    el.setAttribute('timeout-ms', '120000'); // the held answers must not time out first
    el.setAttribute('therapist', id);
  }, therapist);
  const individual = w.widget.getByRole('button', { name: /Individual session/ });
  await individual.waitFor();
  expect(await widgetText(w)).toContain('Couples session');
  expect(await individual.innerText()).toContain('Looking for the next opening…');
  await until(async () => held.length === 2, 'both types to ask for their next opening');
  await expectAccessible(w.page, 'types while loading');
  await w.shot('390-03-types-loading.png');

  // Choosable at once: the times step opens (loading, as its answers are held too).
  await individual.click();
  await w.widget.getByRole('heading', { name: 'Choose a date and time' }).waitFor();
  await w.widget.getByRole('button', { name: 'Back' }).click();
  await individual.waitFor();
  await until(async () => held.length >= 4, 'the list to ask again');

  await w.page.unroute('**/availability?*');
  for (const route of held) await route.continue().catch(() => undefined);
  await individual.getByText(/^Next opening: /).waitFor();
  await w.widget.getByRole('button', { name: /Couples session/ }).getByText(/^Next opening: /).waitFor();
  expect(await widgetText(w)).not.toContain('Looking for the next opening');
  // Chosen now, the times open on the month of the next opening.
  await individual.click();
  await w.widget.locator(`button.day.open[data-date^="${MONTH}"]`).first().waitFor();
  expectCleanRun(w);
  await w.close();
});

test('a booking request that never answers times out, says retrying is safe, and "Try again" books once with the same key', async () => {
  const w = await openWidget(browser, null, PHONE);
  await w.widget.evaluate((el: any, id: string) => {
    el.setAttribute('timeout-ms', '4000');
    el.setAttribute('therapist', id);
  }, therapist);
  const keys: string[] = [];
  let lost: Promise<unknown> | undefined;
  await w.page.route('**/v1/bookings', (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']!);
    // The first request reaches the server and books, but its answer never comes back.
    if (keys.length === 1) return void (lost = route.fetch());
    return route.continue();
  });
  await openMonth(w);
  const date = nthWeekday(4, 2);
  await w.widget.locator(`button[data-date="${date}"]`).tap();
  await w.widget.getByRole('button', { name: '11:00', exact: true }).click();
  const email = `slow-${Date.now()}@example.test`;
  await w.widget.getByLabel('Your name').fill('Tim Out');
  await w.widget.getByLabel('Your email').fill(email);
  await w.widget.getByRole('checkbox').check();
  const submit = w.widget.getByRole('button', { name: /^Book/ });
  await submit.click();
  expect(await submit.innerText()).toContain('Booking…');
  const alert = w.widget.getByRole('alert').filter({ hasText: 'did not answer in time' });
  await alert.waitFor({ timeout: 15_000 });
  expect(await alert.innerText()).toContain('Trying again is safe');
  expect(await submit.innerText()).toBe('Book appointment');
  await expectAccessible(w.page, 'booking timed out');
  await w.shot('390-04-booking-timed-out.png');
  await lost;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const mine = (await bookingsOf(therapist)).filter((b) => b.clients[0]?.email === email);
  expect(mine).toHaveLength(1);
  expect(mine[0]!.start.slice(0, 10)).toBe(date);
  expectCleanRun(w);
  await w.close();
});

test('a month still loading stays readable: its weekday headers are not dimmed, only its days (axe color-contrast)', async () => {
  const w = await openWidget(browser, therapist);
  await openMonth(w);
  // The next month's availability is held until the check has run on the loading grid.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const next = addMonths(MONTH, 1);
  await w.page.route('**/availability?*', async (route: Route) => {
    if (!new URL(route.request().url()).searchParams.get('from')!.startsWith(next)) return route.continue();
    await held;
    return route.continue().catch(() => undefined);
  });
  await w.widget.getByRole('button', { name: 'Next month' }).click();
  await w.widget.locator('table.month[aria-busy="true"]').waitFor();
  await expectAccessible(w.page, 'month loading');
  release();
  await w.widget.locator(`button.day.open[data-date^="${next}"]`).first().waitFor();
  expectCleanRun(w);
  await w.close();
});

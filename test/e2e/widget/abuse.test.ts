import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { bookingsOf, createTherapist, expectAccessible, expectCleanRun, MONTH, nthWeekday, openWidget, type WidgetPage } from './widget-fixture';

/**
 * The widget's side of issue 17's abuse limits (decision 129): a honeypot field nobody can reach or
 * hear, the time the form was shown (never under the server's 2 s minimum, however fast a person
 * is), and a practice's limit shown in the service's own words.
 */
let browser: Browser;
let therapist: string;
beforeAll(async () => {
  [browser, therapist] = await Promise.all([launchChromium(), createTherapist('abuse')]);
});
afterAll(() => browser?.close());

const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));

async function toForm(w: WidgetPage, date: string, time: string) {
  await w.widget.getByRole('button', { name: /Individual session/ }).click();
  await w.widget.locator('button.day.open').first().waitFor();
  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(date)}, times available`) }).click();
  await w.widget.getByRole('heading', { name: dayLabel(date) }).waitFor();
  await w.widget.getByRole('button', { name: time, exact: true }).click();
  await w.widget.getByLabel('Your name').waitFor();
}

/** The id of the element focused inside the widget's shadow root. */
const focusedId = (w: WidgetPage) => w.widget.evaluate((el: any) => (el.shadowRoot.activeElement as { id?: string } | null)?.id ?? '');

test('the honeypot is out of reach and out of hearing; a form sent at once still goes with formMs ≥ 2000 and an empty honeypot, and books', async () => {
  expect(MONTH).toMatch(/^\d{4}-\d{2}$/);
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(4, 2); // the second Thursday
  const email = `quick-${Date.now()}@example.test`;
  const posts: any[] = [];
  w.page.on('request', (q) => q.method() === 'POST' && q.url().endsWith('/v1/bookings') && posts.push(q.postDataJSON()));
  await toForm(w, date, '10:00');

  const trap = w.widget.locator('#bw-website');
  expect(await trap.getAttribute('tabindex')).toBe('-1');
  expect(await trap.getAttribute('autocomplete')).toBe('off');
  expect(await w.widget.locator('.hp').getAttribute('aria-hidden')).toBe('true');
  // Not in the accessibility tree: no role query finds it, though it is in the DOM.
  expect(await w.widget.getByRole('textbox', { name: 'Website' }).count()).toBe(0);
  expect(await trap.count()).toBe(1);
  // Off-screen: nowhere in the viewport a person could see or click.
  const box = (await trap.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(0);
  await expectAccessible(w.page, 'form with honeypot');

  // Tab through the whole form and beyond, both ways: the honeypot never takes focus.
  await w.widget.getByLabel('Your name').focus();
  const seen = new Set<string>();
  for (let i = 0; i < 25; i++) {
    await w.page.keyboard.press('Tab');
    seen.add(await focusedId(w));
  }
  await w.widget.getByLabel('Your name').focus();
  for (let i = 0; i < 10; i++) {
    await w.page.keyboard.press('Shift+Tab');
    seen.add(await focusedId(w));
  }
  expect(seen).toContain('bw-email');
  expect(seen).toContain('bw-policy');
  expect(seen).not.toContain('bw-website');

  // As fast as a script can: fill and send at once.
  await w.widget.getByLabel('Your name', { exact: true }).fill('Quick Person');
  await w.widget.getByLabel('Your email', { exact: true }).fill(email);
  await w.widget.getByRole('checkbox').check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expect(posts).toHaveLength(1);
  expect(posts[0].website).toBe('');
  expect(posts[0].formMs).toBeGreaterThanOrEqual(2000);
  // A real booking, not the decoy a bot would get.
  expect((await bookingsOf(therapist)).filter((b) => b.clients[0]?.email === email)).toHaveLength(1);
  expectCleanRun(w);
  await w.close();
});

test("a practice's limit (a long Retry-After) is shown in the service's words, with no button to try again at once", async () => {
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(4, 3);
  const message = 'Too many booking requests have come from this network in the last hour. Please try again later.';
  await w.page.route('**/v1/bookings', (route) =>
    route.request().method() !== 'POST'
      ? route.continue()
      : route.fulfill({ status: 429, headers: { 'retry-after': '2400', 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'rate_limited', message } }) }));
  await toForm(w, date, '10:00');
  await w.widget.getByLabel('Your name', { exact: true }).fill('Limited Person');
  await w.widget.getByLabel('Your email', { exact: true }).fill(`limited-${Date.now()}@example.test`);
  await w.widget.getByRole('checkbox').check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  const alert = w.widget.getByRole('alert');
  await alert.getByText(message).waitFor();
  expect(await alert.getByRole('button').count()).toBe(0);
  await expectAccessible(w.page, 'limit reached');
  expectCleanRun(w);
  await w.close();
});

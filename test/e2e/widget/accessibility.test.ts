import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { bookThroughApi, createTherapist, expectAccessible, expectCleanRun, nthWeekday, openWidget, widgetText } from './widget-fixture';

let browser: Browser;
let therapist: string;
beforeAll(async () => {
  [browser, therapist] = await Promise.all([launchChromium(), createTherapist('access')]);
});
afterAll(() => browser?.close());

const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));

/** What has focus inside the widget: "TAG|id|accessible text". Reading it is not interacting. */
const focused = (page: Page) =>
  page.evaluate(`(() => {
    const a = document.querySelector('booking-widget').shadowRoot.activeElement;
    return a ? [a.tagName, a.id, (a.getAttribute('aria-label') || a.textContent || '').trim()].join('|') : '';
  })()`) as Promise<string>;

/** Presses Tab (or Shift+Tab) until the focused element matches. */
async function tabTo(page: Page, match: RegExp, key = 'Tab', max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (match.test(await focused(page))) return;
  }
  throw new Error(`never reached ${match} with ${key}; focus is on ${await focused(page)}`);
}

async function expectFocus(page: Page, match: RegExp) {
  const deadline = Date.now() + 5000;
  let now = '';
  while (Date.now() < deadline) {
    if (match.test((now = await focused(page)))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected focus on ${match}, it is on ${now}`);
}

test('a keyboard alone books an appointment, with focus on each new step', async () => {
  const w = await openWidget(browser, therapist);
  const { page } = w;
  const date = nthWeekday(3, 1);
  await w.widget.getByText(/Next opening/).first().waitFor();

  await tabTo(page, /^BUTTON\|\|Individual session/);
  await page.keyboard.press('Enter');
  await expectFocus(page, /^H2\|\|Choose a date and time/);
  await w.widget.locator('button.day.open').first().waitFor();

  // The grid is one Tab stop (the first open day: a roving tabindex); arrow keys move from day to day.
  await tabTo(page, /times available/);
  const firstOpen = await focused(page);
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).not.toBe(firstOpen);
  await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toBe(firstOpen);
  const target = new RegExp(`^BUTTON\\|\\|${dayLabel(date)}, times available`);
  for (let i = 0; i < 31 && !target.test(await focused(page)); i++) await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toMatch(target);
  await page.keyboard.press('Space');
  await expectFocus(page, new RegExp(`^H3\\|bw-slots-title\\|${dayLabel(date)}`));

  await tabTo(page, /^BUTTON\|\|10:00$/);
  await page.keyboard.press('Enter');
  await expectFocus(page, /^H2\|\|Your details/);

  await tabTo(page, /^INPUT\|bw-name\|/);
  await page.keyboard.type('Kai Keys');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kai-keys@example.test');
  await tabTo(page, /^INPUT\|bw-policy\|/);
  await page.keyboard.press('Space');
  await tabTo(page, /^BUTTON\|\|Book appointment/);
  // Shift+Tab goes back the same way.
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatch(/^INPUT\|bw-policy\|/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await expectFocus(page, /^H2\|\|Your appointment is booked/);
  expect(await widgetText(w)).toMatch(/10:00.10:50/);
  await w.shot('14-keyboard-booked.png');
  expectCleanRun(w);
  await w.close();
});

test('visible focus: the focused control draws an outline; reduced motion stops the spinner', async () => {
  const w = await openWidget(browser, therapist);
  await w.widget.getByText(/Next opening/).first().waitFor();
  await tabTo(w.page, /^BUTTON\|\|Individual session/);
  const outline = await w.widget.getByRole('button', { name: /Individual session/ }).evaluate((el: any) => {
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
  expect(outline).toBe('solid 3px');
  const spinnerAnimation = () =>
    w.widget.evaluate((el: any) => {
      const spin = el.ownerDocument.createElement('span');
      spin.className = 'spin';
      el.shadowRoot.querySelector('.bw').append(spin);
      const name = el.ownerDocument.defaultView.getComputedStyle(spin).animationName;
      spin.remove();
      return name as string;
    });
  expect(await spinnerAnimation()).toBe('bw-spin');
  await w.page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await spinnerAnimation()).toBe('none');
  expectCleanRun(w);
  await w.close();
});

// Each scan costs about two seconds: one per distinct screen (the reschedule picker is the month view).
test('axe finds no serious or critical problem on any main step', async () => {
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(4, 1);
  await w.widget.getByText(/Next opening/).first().waitFor();
  await expectAccessible(w.page, 'session types');

  await w.widget.getByRole('button', { name: /Couples session/ }).click();
  await w.widget.locator('button.day.open').first().waitFor();
  await expectAccessible(w.page, 'month');

  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(date)}, times available`) }).click();
  await w.widget.locator('.slots button').first().waitFor();
  await expectAccessible(w.page, 'slots');

  await w.widget.getByRole('button', { name: '10:00', exact: true }).click();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.locator('[aria-invalid="true"]').first().waitFor();
  await expectAccessible(w.page, 'form with errors');

  await w.widget.getByLabel('Your name').fill('Ari Axe');
  await w.widget.getByLabel('Your email').fill('ari-axe@example.test');
  await w.widget.getByLabel("Partner's name").fill('Bo Axe');
  await w.widget.getByLabel("Partner's email").fill('bo-axe@example.test');
  await w.widget.getByRole('checkbox').check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  await expectAccessible(w.page, 'confirmation');
  expectCleanRun(w);
  await w.close();

  const booked = await bookThroughApi(therapist, `${nthWeekday(5, 2)}T09:00:00+01:00`);
  const m = await openWidget(browser, null, {}, `#manage=${booked.booking.id}&token=${encodeURIComponent(booked.manageToken)}`);
  await m.widget.getByText('Status:').waitFor();
  await expectAccessible(m.page, 'manage');
  await m.widget.getByRole('button', { name: 'Cancel appointment' }).click();
  await m.widget.getByRole('heading', { name: 'Cancel this appointment?' }).waitFor();
  await expectAccessible(m.page, 'manage: cancel');
  expectCleanRun(m);
  await m.close();
});

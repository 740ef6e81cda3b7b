import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { INDIVIDUAL, createTherapist, nthWeekday, openWidget, slotsOn } from '../widget/widget-fixture';
import { asTherapist, expectConsoleAccessible, openConsole, openWithSignInEndingSoon } from './console-fixture';

/**
 * Days off and time off, end to end: what the therapist enters in the console is what the widget
 * then offers (or no longer offers) to clients.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const ZONE = 'Europe/Berlin';
const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));

/** The times the widget offers a client on `date` (none when the day cannot be chosen). */
async function widgetTimes(therapistId: string, date: string): Promise<string[]> {
  const w = await openWidget(browser, therapistId);
  try {
    await w.widget.getByRole('button', { name: /Individual session/ }).click();
    await w.widget.locator('button.day.open').first().waitFor();
    const day = w.widget.locator(`button.day[data-date="${date}"]`);
    if (!(await day.evaluate((el: any) => el.classList.contains('open') && !el.disabled))) {
      await expect(day.getAttribute('aria-label')).resolves.toBe(`${dayLabel(date)}, no openings`);
      return [];
    }
    await day.click();
    await w.widget.getByRole('heading', { name: dayLabel(date) }).waitFor();
    await w.widget.locator('button.slot').first().waitFor();
    const times = await w.widget.locator('button.slot').allInnerTexts();
    expect(w.errors).toEqual([]);
    return times;
  } finally {
    await w.close();
  }
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth <= (globalThis as any).document.documentElement.clientWidth);

test('time off added in the console takes a day’s openings away in the API and the widget, and removing it gives them back', async () => {
  const id = await createTherapist('daysoff', ZONE);
  const day = nthWeekday(3, 2); // a Wednesday with 09:00–13:00
  expect((await slotsOn(id, INDIVIDUAL.id, day, ZONE)).length).toBe(4);

  const { page, foreign, errors } = await openConsole(browser, asTherapist('Dr. Daysoff Test'), { viewport: { width: 1280, height: 900 } }, '#/days-off');
  await page.getByRole('heading', { level: 1, name: 'Days off and time off' }).waitFor();
  await page.getByLabel('First day').fill(day);
  await page.getByLabel('Last day').fill(day);
  await page.getByLabel('Label (optional)').fill('Conference');
  await page.getByRole('button', { name: 'Add time off' }).click();
  const entry = page.getByRole('listitem').filter({ hasText: 'Conference' });
  await entry.waitFor();
  await expectConsoleAccessible(page, 'time off added');

  expect(await slotsOn(id, INDIVIDUAL.id, day, ZONE)).toEqual([]);
  expect(await widgetTimes(id, day)).toEqual([]);

  await entry.getByRole('button', { name: /^Remove time off / }).click();
  await entry.waitFor({ state: 'detached' });
  // The therapist's other time off (createTherapist's, until the test month) is still listed.
  await page.getByRole('listitem').filter({ hasText: 'before the test month' }).waitFor();
  expect((await slotsOn(id, INDIVIDUAL.id, day, ZONE)).length).toBe(4);
  expect(await widgetTimes(id, day)).toEqual(['09:00', '10:00', '11:00', '12:00']);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a date with other hours makes the widget offer exactly those, and a day off none; the list shows and removes them', async () => {
  const id = await createTherapist('overrides', ZONE);
  const day = nthWeekday(4, 2); // a Thursday
  const { page, errors } = await openConsole(browser, asTherapist('Dr. Overrides Test'), { viewport: { width: 1280, height: 900 } }, '#/days-off');
  await page.getByRole('heading', { level: 1, name: 'Days off and time off' }).waitFor();
  await page.getByLabel('Date', { exact: true }).fill(day);
  await page.getByLabel('Other hours').check();
  await page.getByLabel('From (hours 1)').fill('14:00');
  await page.getByLabel('Until (hours 1)').fill('15:00');
  await page.getByRole('button', { name: 'Add more hours' }).click();
  // The new row's first field has focus, for the keyboard.
  expect(await page.getByLabel('From (hours 2)').evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
  await page.getByLabel('From (hours 2)').fill('16:00');
  await page.getByLabel('Until (hours 2)').fill('17:00');
  await page.getByRole('button', { name: 'Save the date' }).click();
  const entry = page.getByRole('listitem').filter({ hasText: '14:00–15:00, 16:00–17:00' });
  await entry.waitFor();
  await expectConsoleAccessible(page, 'override added');
  expect((await slotsOn(id, INDIVIDUAL.id, day, ZONE)).map((s) => s.start.slice(11, 16))).toEqual(['14:00', '16:00']);
  expect(await widgetTimes(id, day)).toEqual(['14:00', '16:00']);

  // The same date as a day off replaces the hours.
  await page.getByLabel('Date', { exact: true }).fill(day);
  await page.getByLabel('Day off').check();
  await page.getByRole('button', { name: 'Save the date' }).click();
  const off = page.getByRole('listitem').filter({ hasText: 'Day off' });
  await off.waitFor();
  await expect(entry.count()).resolves.toBe(0);
  expect(await slotsOn(id, INDIVIDUAL.id, day, ZONE)).toEqual([]);

  await off.getByRole('button', { name: /^Remove the hours for / }).click();
  await page.getByText('No upcoming dates with other hours.').waitFor();
  expect((await slotsOn(id, INDIVIDUAL.id, day, ZONE)).length).toBe(4);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('the API’s refusal (an end before the start) is shown at the field, at 320 px', async () => {
  await createTherapist('offerrors', ZONE);
  const day = nthWeekday(2, 3);
  const { page, errors } = await openConsole(browser, asTherapist('Dr. Offerrors Test'), { viewport: { width: 320, height: 800 } }, '#/days-off');
  await page.getByRole('heading', { level: 1, name: 'Days off and time off' }).waitFor();
  await page.getByLabel('First day').fill(day);
  await page.getByLabel('From (time, optional)').fill('15:00');
  await page.getByLabel('Last day').fill(day);
  await page.getByLabel('Until (time, optional)').fill('11:00');
  await page.getByRole('button', { name: 'Add time off' }).click();
  const lastDay = page.getByLabel('Last day');
  await page.waitForFunction(() => (globalThis as any).document.activeElement?.getAttribute('aria-invalid') === 'true');
  // Focus on the field in error, its message tied to it and shown beside it.
  expect(await lastDay.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
  const describedBy = (await lastDay.getAttribute('aria-describedby'))!.split(' ');
  const message = await page.evaluate((ids) => ids.map((i) => (globalThis as any).document.getElementById(i)?.textContent ?? '').join(' '), describedBy);
  expect(message).toContain('end must be after start');
  expect(await lastDay.evaluate((el) => el.closest('.field')?.querySelector('.field-error:not([hidden])')?.textContent)).toContain('end must be after start');
  await expect(page.getByRole('listitem').filter({ hasText: /Remove time off/ }).count()).resolves.toBe(0);
  await expectConsoleAccessible(page, 'time off error at 320 px');
  await expect(noHorizontalScroll(page)).resolves.toBe(true);

  // A bad override: the error at the date.
  await page.getByLabel('Other hours').check();
  await page.getByRole('button', { name: 'Save the date' }).click();
  await page.waitForFunction(() => (globalThis as any).document.activeElement?.getAttribute('aria-invalid') === 'true');
  expect(await page.getByLabel('Date', { exact: true }).evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
  await expect(noHorizontalScroll(page)).resolves.toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('when the sign-in ends mid-edit, both forms come back as they were typed after signing in again', async () => {
  await createTherapist('offdrafts', ZONE);
  const day = nthWeekday(5, 3);
  const { context, page, errors, signInEnded } = await openWithSignInEndingSoon(browser, asTherapist('Dr. Offdrafts Test'), '#/days-off', 'Days off and time off');
  await page.getByLabel('Date', { exact: true }).fill(day);
  await page.getByLabel('Other hours').check();
  await page.getByLabel('From (hours 1)').fill('07:30');
  await page.getByLabel('Until (hours 1)').fill('08:45');
  await page.getByLabel('First day').fill(day);
  await page.getByLabel('Until (time, optional)').fill('18:00');
  await page.getByLabel('Last day').fill(day);
  await page.getByLabel('Label (optional)').fill('Dentist');
  // Wait for the token to end (a condition, not a guess), then save: the console must ask to sign in again.
  await signInEnded();
  await page.getByRole('button', { name: 'Add time off' }).click();
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  await page.getByRole('button', { name: asTherapist('Dr. Offdrafts Test') }).click();
  await page.getByText('Your unsaved changes are back; nothing was saved yet.').waitFor();
  const values = await Promise.all(['Date', 'From (hours 1)', 'Until (hours 1)', 'First day', 'From (time, optional)', 'Until (time, optional)', 'Last day', 'Label (optional)'].map((l) => page.getByLabel(l, { exact: true }).inputValue()));
  expect(values).toEqual([day, '07:30', '08:45', day, '', '18:00', day, 'Dentist']);
  await expect(page.getByLabel('Other hours').isChecked()).resolves.toBe(true);
  // Nothing was saved by the refused call.
  await expect(page.getByRole('listitem').filter({ hasText: 'Dentist' }).count()).resolves.toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

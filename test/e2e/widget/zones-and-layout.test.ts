import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { createTherapist, expectCleanRun, nthWeekday, openWidget, slotsOn, widgetText, type WidgetPage } from './widget-fixture';

let browser: Browser;
let losAngeles: string;
let berlin: string;
beforeAll(async () => {
  [browser, losAngeles, berlin] = await Promise.all([
    launchChromium(),
    createTherapist('la', 'America/Los_Angeles', [{ start: '14:00', end: '16:00' }]),
    createTherapist('layout'),
  ]);
});
afterAll(() => browser?.close());

const dayLabel = (date: string, locale: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));
const dayButton = (w: WidgetPage, date: string, locale: string) => w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(date, locale)}, times available`) });

test('a client in Auckland, a day ahead of a Los Angeles therapist, sees Auckland dates and times', async () => {
  const monday = nthWeekday(1, 1);
  // The therapist's Monday 14:00, as the API dates it for Auckland.
  const [slot] = await slotsOn(losAngeles, 'talk-50', monday, 'America/Los_Angeles');
  expect(slot!.start).toMatch(new RegExp(`^${monday}T14:00:00-0[78]:00$`));
  const aucklandDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(Date.parse(slot!.start));
  expect(new Date(`${aucklandDate}T12:00:00Z`).getUTCDay()).toBe(2); // a Tuesday there

  const w = await openWidget(browser, losAngeles, { timezoneId: 'Pacific/Auckland', locale: 'en-NZ', pageLang: 'en-NZ' });
  const zoneRequests: string[] = [];
  w.page.on('request', (q) => q.url().includes('/availability') && zoneRequests.push(new URL(q.url()).searchParams.get('timeZone')!));
  await w.widget.getByRole('button', { name: /Individual session/ }).click();
  await w.widget.locator('button.day.open').first().waitFor();
  const zoneName = (zone: string) => `${new Intl.DateTimeFormat('en-NZ', { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName')!.value}`;
  expect(await w.widget.getByRole('combobox', { name: 'Time zone' }).inputValue()).toContain(zoneName('Pacific/Auckland'));
  // Openings fall on Auckland's Tuesday to Saturday, never on its Mondays.
  expect(await dayButton(w, aucklandDate, 'en-NZ').isEnabled()).toBe(true);
  expect(await w.widget.locator(`button[data-date="${monday}"]`).isDisabled()).toBe(true);
  await dayButton(w, aucklandDate, 'en-NZ').click();
  await w.widget.locator('.slots button').first().waitFor();
  expect(await widgetText(w)).toContain(`Times in ${zoneName('Pacific/Auckland')}`);
  const times = await w.widget.locator('.slots button').allTextContents();
  expect(times[0]).toMatch(/^11:00\s?am$/i);
  await w.shot('15-auckland-slots.png');
  await w.widget.locator('.slots button').first().click();
  const summary = await w.widget.locator('.summary').innerText();
  expect(summary).toContain(new Intl.DateTimeFormat('en-NZ', { dateStyle: 'full', timeZone: 'Pacific/Auckland' }).format(Date.parse(slot!.start)));
  expect(summary).toContain('Tuesday');
  expect(zoneRequests.length).toBeGreaterThan(0);
  expect(zoneRequests.every((z) => z === 'Pacific/Auckland')).toBe(true);

  // Travelling? The client can switch to the therapist's zone, and the same hour reads as Monday 2 pm.
  await w.widget.getByRole('button', { name: 'Back' }).click();
  const zone = w.widget.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('los angeles');
  await zone.press('Enter');
  await dayButton(w, monday, 'en-NZ').click();
  await w.widget.locator('.slots button').first().waitFor();
  expect((await w.widget.locator('.slots button').allTextContents())[0]).toMatch(/^2:00\s?pm$/i);
  expect(await widgetText(w)).toContain(`Times in ${zoneName('America/Los_Angeles')}`);
  expectCleanRun(w);
  await w.close();
});

const scrollWidth = (w: WidgetPage) => w.page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

test('at 320 px wide every step fits without a horizontal scrollbar', async () => {
  const w = await openWidget(browser, berlin, { viewport: { width: 320, height: 640 } });
  const date = nthWeekday(3, 1);
  await w.widget.getByText(/Next opening/).first().waitFor();
  expect(await scrollWidth(w)).toBeLessThanOrEqual(320);
  await w.shot('320-01-session-types.png');
  await w.widget.getByRole('button', { name: /Couples session/ }).click();
  await w.widget.locator('button.day.open').first().waitFor();
  expect(await scrollWidth(w)).toBeLessThanOrEqual(320);
  await w.shot('320-02-month.png');
  await dayButton(w, date, 'en-GB').click();
  await w.widget.locator('.slots button').first().waitFor();
  expect(await scrollWidth(w)).toBeLessThanOrEqual(320);
  await w.shot('320-03-slots.png');
  await w.widget.locator('.slots button').first().click();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.locator('[aria-invalid="true"]').first().waitFor();
  expect(await scrollWidth(w)).toBeLessThanOrEqual(320);
  await w.shot('320-04-form.png');
  // Touch targets stay usable: day and time buttons at least 24 px square.
  await w.widget.getByRole('button', { name: 'Back' }).click();
  const box = (await w.widget.locator('button.day.open').first().boundingBox())!;
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
  expectCleanRun(w);
  await w.close();
});

test('on a desktop the month and the times sit side by side', async () => {
  const w = await openWidget(browser, berlin, { viewport: { width: 1280, height: 900 } });
  const date = nthWeekday(3, 1);
  await w.widget.getByRole('button', { name: /Individual session/ }).click();
  await dayButton(w, date, 'en-GB').click();
  await w.widget.locator('.slots button').first().waitFor();
  const calendar = (await w.widget.locator('.cal').boundingBox())!;
  const slots = (await w.widget.locator('.slots-panel').boundingBox())!;
  expect(slots.x).toBeGreaterThan(calendar.x + calendar.width - 1);
  expect(await scrollWidth(w)).toBeLessThanOrEqual(1280);
  await w.widget.screenshot({ path: 'test-artifacts/widget/readme.png' });
  await w.shot('16-desktop-slots.png');
  expectCleanRun(w);
  await w.close();
});

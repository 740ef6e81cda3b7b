import type { Browser } from 'playwright-core';
import type { RunningRuntime } from '../../support/npm-start';
import { createTherapist, ownRuntimeForFile } from '../widget/widget-fixture';
import { asAdmin, expectConsoleAccessible, http, openConsole, screenshot } from './console-fixture';

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any;

/*
 * Issue 16 (w16s): the practice's contact details, the locale of dates and times and the clock in
 * the settings view, and a therapist's photo address in the therapists view. A runtime of this
 * file's own: the widget and the emails of every other file follow the demo practice's locale.
 */
let runtime: RunningRuntime;
let browser: Browser;
ownRuntimeForFile((r, b) => ([runtime, browser] = [r, b]));

const adminBearer = async () => ({ authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId: 'w16s-admin', role: 'admin' })).json.token as string}` });
const stored = async () => (await http('GET', '/v1/admin/settings', undefined, await adminBearer())).json.settings;

test('contact phone and email, a date format and a clock are saved, read back, and removed again; a bad phone is shown at its field', async () => {
  const { page, errors, foreign } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/settings', runtime.api);
  await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
  const phone = page.getByLabel('Contact phone (optional)');
  const email = page.getByLabel('Contact email (optional)');
  const locale = page.getByLabel('Date format');
  const clock = page.getByLabel('Clock', { exact: true });
  await phone.waitFor();
  // Follow the website by default, and then there is no clock to choose.
  expect(await locale.inputValue()).toBe('');
  expect(await clock.isDisabled()).toBe(true);

  // A bad phone: the API's error at the field, focused; nothing saved.
  await phone.fill('call me maybe');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
  const errorId = (await phone.getAttribute('aria-describedby'))!.split(' ').pop()!;
  expect(await page.locator(`#${errorId}`).innerText()).toMatch(/phone number/);
  await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'tel');
  expect(await stored()).not.toHaveProperty('contact');

  await phone.fill('+44 20 7946 0000');
  await email.fill('desk@practice.example');
  await locale.selectOption('en-GB');
  expect(await clock.isDisabled()).toBe(false);
  await clock.selectOption('h12');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  expect(await stored()).toMatchObject({ contact: { phone: '+44 20 7946 0000', email: 'desk@practice.example' }, locale: 'en-GB-u-hc-h12' });
  expect((await http('GET', '/v1/practice')).json.practice).toMatchObject({ contact: { phone: '+44 20 7946 0000', email: 'desk@practice.example' }, locale: 'en-GB-u-hc-h12' });
  await expectConsoleAccessible(page, 'settings with contact and locale');
  await screenshot(page, 'console-settings-contact-locale', { fullPage: true });

  // Read back: the view opened again (by its menu link, after another view) shows what was saved.
  await page.getByRole('link', { name: 'Therapists', exact: true }).click();
  await page.getByRole('heading', { name: 'Therapists', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Practice settings', exact: true }).click();
  await phone.waitFor();
  expect(await phone.inputValue()).toBe('+44 20 7946 0000');
  expect(await email.inputValue()).toBe('desk@practice.example');
  expect(await locale.inputValue()).toBe('en-GB');
  expect(await clock.inputValue()).toBe('h12');

  // Removed: both contact fields emptied, the website's format again.
  await phone.fill('');
  await email.fill('');
  await locale.selectOption('');
  expect(await clock.isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const after = await stored();
  expect(after).not.toHaveProperty('contact');
  expect(after).not.toHaveProperty('locale');

  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectConsoleAccessible(page, 'settings, 320 px');
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test("a therapist's photo address is saved and read back in the therapists view; an http one is refused at its field", async () => {
  const id = await createTherapist('w16s-photo');
  const { page, errors, foreign } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/therapists', runtime.api);
  const therapist = (await http('GET', '/v1/admin/therapists', undefined, await adminBearer())).json.therapists.find((t: { id: string }) => t.id === id);
  await page.getByRole('button', { name: `Change ${therapist.displayName}` }).click();
  const photo = page.getByLabel('Photo address (optional)');
  await photo.fill('http://practice.example/photo.jpg');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await expect(photo.getAttribute('aria-invalid')).resolves.toBe('true');

  await photo.fill('https://practice.example/photo.jpg');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const listed = async () => (await http('GET', '/v1/therapists')).json.therapists.find((t: { id: string }) => t.id === id);
  expect((await listed()).photoUrl).toBe('https://practice.example/photo.jpg');
  await page.getByRole('button', { name: `Change ${therapist.displayName}` }).click();
  expect(await page.getByLabel('Photo address (optional)').inputValue()).toBe('https://practice.example/photo.jpg');
  await expectConsoleAccessible(page, 'therapist form with a photo');

  // Deactivating and reactivating keeps it (the reactivating PUT carries the profile as it is).
  await page.getByRole('button', { name: `Deactivate ${therapist.displayName}` }).click();
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await page.getByRole('button', { name: `Reactivate ${therapist.displayName}` }).click();
  await page.getByRole('button', { name: `Deactivate ${therapist.displayName}` }).waitFor();
  expect((await listed())?.photoUrl).toBe('https://practice.example/photo.jpg');
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

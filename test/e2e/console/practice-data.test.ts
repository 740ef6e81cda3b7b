import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { bookThroughApi, createTherapist, nthWeekday } from '../widget/widget-fixture';
import { asAdmin, expectConsoleAccessible, http, openConsole, screenshot } from './console-fixture';

/*
 * The admin's Practice data view (issue 17) against the local runtime every file shares: the
 * address this file erases is its own, and an export only reads.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const bearerOf = async (therapistId: string, role?: 'admin') =>
  ({ authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token as string}` });

test('an admin erases a client after a dialog naming the consequence, sees the count, and downloads the whole export as one file', async () => {
  const therapistId = await createTherapist('erasure');
  const address = `erase-me-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const first = await bookThroughApi(therapistId, `${nthWeekday(3)}T10:00:00+01:00`, address);
  const second = await bookThroughApi(therapistId, `${nthWeekday(3, 2)}T10:00:00+01:00`, address);

  const { page, errors, foreign } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 }, acceptDownloads: true }, '#/admin/data');
  await page.getByRole('heading', { name: 'Practice data', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Erase a client' }).waitFor();
  await expectConsoleAccessible(page, 'practice data');

  // No address: said at the field, and no dialog opens.
  const email = page.getByLabel('Client’s email address');
  await page.getByRole('button', { name: 'Erase client…' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  expect(await email.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('dialog').count()).toBe(0);

  await email.fill(address.toUpperCase());
  await page.getByRole('button', { name: 'Erase client…' }).click();
  const dialog = page.getByRole('dialog', { name: `Erase ${address.toUpperCase()} for good?` });
  await dialog.waitFor();
  expect(await dialog.innerText()).toMatch(/cannot be brought back[\s\S]*stay in the calendar as “Erased client”/);
  await expectConsoleAccessible(page, 'practice data, erase dialog');
  await screenshot(page, 'practice-data-erase');
  await dialog.getByRole('button', { name: 'Erase for good' }).click();
  await page.locator('.erase-result', { hasText: '2 bookings were anonymised.' }).waitFor();
  expect(await email.inputValue()).toBe('');

  // The therapist's list shows the sessions still there, with nobody's details.
  const from = `${nthWeekday(3)}`;
  const to = `${nthWeekday(3, 2)}`;
  const mine = (await http('GET', `/v1/me/bookings?from=${from}&to=${to}`, undefined, await bearerOf(therapistId))).json.bookings as { id: string; status: string; clients: { name: string; email: string }[] }[];
  expect(mine.filter((b) => [first.booking.id, second.booking.id].includes(b.id)).map((b) => [b.status, b.clients])).toEqual([
    ['confirmed', [{ name: 'Erased client', email: '' }]],
    ['confirmed', [{ name: 'Erased client', email: '' }]],
  ]);

  // Again: nothing left.
  await email.fill(address);
  await page.getByRole('button', { name: 'Erase client…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Erase for good' }).click();
  await page.locator('.erase-result', { hasText: 'No booking with that address was left: nothing was erased.' }).waitFor();

  // The export: every page assembled into one file, as the API gives them. The API's pages are made
  // small here (its own `limit`), so the console has several real cursors to follow.
  const exportCalls: string[] = [];
  await page.context().route((url) => url.pathname === '/v1/admin/export', async (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', '5');
    exportCalls.push(url.searchParams.get('cursor') ?? '');
    await route.continue({ url: url.toString() });
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download export' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^practice-export-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(exportCalls.length).toBeGreaterThan(1);
  expect(exportCalls[0]).toBe('');
  expect(exportCalls.slice(1).every((c) => c !== '')).toBe(true);
  expect(file.format).toBe('practice-export.v1');
  expect(file).not.toHaveProperty('nextCursor');
  expect(file.therapists.map((t: { id: string }) => t.id)).toContain(therapistId);
  expect(file.bookings.filter((b: { id: string }) => [first.booking.id, second.booking.id].includes(b.id))).toHaveLength(2);
  expect(JSON.stringify(file)).not.toContain(address);
  const pageOne = (await http('GET', '/v1/admin/export', undefined, await bearerOf('practice-data-admin', 'admin'))).json;
  expect(file.settings).toEqual(pageOne.settings);
  await page.locator('.export-result', { hasText: /^Downloaded: \d+ therapists?, \d+ bookings?, \d+ standing appointments?\.$/ }).waitFor();
  await expectConsoleAccessible(page, 'practice data, exported');

  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await page.context().close();
});

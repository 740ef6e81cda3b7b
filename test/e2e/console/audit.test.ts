import type { Browser } from 'playwright-core';
import type { RunningRuntime } from '../../support/npm-start';
import { createTherapist, ownRuntimeForFile } from '../widget/widget-fixture';
import { asAdmin, expectConsoleAccessible, http, openConsole } from './console-fixture';

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any;

/*
 * Issue 17: the admin's Audit log view. A runtime of this file's own, so the log holds exactly the
 * changes made here (every other file's changes would otherwise interleave with them).
 */
let runtime: RunningRuntime;
let browser: Browser;
ownRuntimeForFile((r, b) => ([runtime, browser] = [r, b]));

const bearer = async (therapistId: string, role?: 'admin') => ({
  authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token as string}`,
});
const OVERRIDES = 55;

test('the changes of a range, newest first, "you" for the signed-in admin, readable actions, paged; a bad range at its field', async () => {
  // The fixture's therapist.create (by another admin), then by the therapist schedule.replace, two session types and a time off;
  // then 55 dates and one settings change by this admin.
  const therapistId = await createTherapist('audit');
  const asTherapist = await bearer(therapistId);
  for (let i = 0; i < OVERRIDES; i++) {
    const date = new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10);
    expect((await http('POST', '/v1/me/overrides', { date, intervals: [] }, asTherapist)).status).toBeLessThan(300);
  }
  // The console's "Practice administrator" signs in as local-admin: the same subject as this token.
  expect((await http('PUT', '/v1/admin/settings', { lateCancellationMode: 'flag' }, await bearer('local-admin', 'admin'))).status).toBe(200);
  const total = 5 + OVERRIDES + 1;

  const { page, errors, foreign } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/audit', runtime.api);
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  const rows = page.locator('table.audit tbody tr');
  await rows.first().waitFor();
  // Who, what, which (the cell labels show on narrow screens only).
  const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).slice(1).map((t) => t.replace(/^(Who|What|Which): /, '').trim());
  expect(await cells(0)).toEqual(['you', 'Changed the practice settings', 'settings']);
  const [who, ...rest] = await cells(1);
  expect(rest).toEqual(['Set the hours of a date', `${therapistId}/2027-02-24`]);
  expect(who).not.toBe('you');
  expect(who).toMatch(/^[\w-]+$/); // the therapist's subject id, never a name
  expect(await rows.count()).toBe(50);
  await expectConsoleAccessible(page, 'audit log, first page');

  // Older changes: appended after the first page, focus on the first of them; then there are no more.
  await page.getByRole('button', { name: 'Show older changes' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('table.audit tbody tr').length === n, total);
  await page.waitForFunction(() => document.activeElement === document.querySelectorAll('table.audit tbody tr')[50]);
  await page.getByText(`${total} changes shown.`).waitFor();
  expect((await cells(total - 2)).slice(1)).toEqual(['Changed working hours', therapistId]);
  expect((await cells(total - 1)).slice(1)).toEqual(['Added a therapist', therapistId]);
  expect(await page.getByRole('button', { name: 'Show older changes' }).count()).toBe(0);
  await expectConsoleAccessible(page, 'audit log, all pages');

  // More than 13 months: the API's 400 at the From field, focused.
  const from = page.getByLabel('From (optional)');
  await from.fill('2020-01-01');
  await page.getByLabel('To (optional)').fill('2026-12-31');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await expect(from.getAttribute('aria-invalid')).resolves.toBe('true');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
  await expectConsoleAccessible(page, 'audit log, bad range');

  // A range without changes.
  await from.fill('2021-03-01');
  await page.getByLabel('To (optional)').fill('2021-03-31');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.getByText('No changes were recorded in this range.').waitFor();
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

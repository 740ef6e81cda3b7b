import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { INDIVIDUAL, bookThroughApi, createTherapist, nthWeekday, openWidget, widgetText } from '../widget/widget-fixture';
import { asAdmin, asTherapist, expectConsoleAccessible, http, openConsole, screenshot } from './console-fixture';

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any, window: any;
type HTMLInputElement = { value: string };

/*
 * The admin views against the local runtime. The therapists this file makes are its own (ids start
 * `admin-`); the practice settings are the demo practice's, which other files read, so every change
 * is put back at once and again in afterAll.
 */
let browser: Browser;
let settingsBefore: Record<string, unknown> | undefined;
const adminToken = async () => (await http('POST', '/_local/token', { therapistId: 'admin-test-admin', role: 'admin' })).json.token as string;
const asBearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  browser = await launchChromium();
  settingsBefore = (await http('GET', '/v1/admin/settings', undefined, asBearer(await adminToken()))).json.settings;
});
afterAll(async () => {
  if (settingsBefore) await http('PUT', '/v1/admin/settings', settingsBefore, asBearer(await adminToken()));
  await browser?.close();
});

/** The labels on the local sign-in page, as a signed-out console shows them. */
async function signInLabels(page: Page): Promise<string[]> {
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  await page.getByRole('button', { name: asAdmin }).waitFor();
  return page.getByRole('button').allInnerTexts();
}

/**
 * Whether the widget on the demo page offers this therapist: in its list of therapists, or as the
 * one therapist it goes straight to when only one has session types.
 */
async function widgetOffers(name: string): Promise<boolean> {
  const w = await openWidget(browser, null);
  await w.widget.getByRole('heading', { name: 'Choose a therapist' }).or(w.widget.getByText(/^With Dr\./)).first().waitFor();
  await w.widget.getByRole('button', { name: /Dr\.|session/ }).first().waitFor();
  const offered = (await widgetText(w)).includes(name);
  expect(w.errors).toEqual([]);
  await w.close();
  return offered;
}

test('an admin adds a therapist who then signs in; deactivated they are gone from sign-in and widget, reactivated back', async () => {
  const id = `admin-new-${Math.random().toString(36).slice(2, 8)}`;
  const name = `Dr. Ada ${id.slice(-6)}`;
  const admin = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/therapists');
  const { page } = admin;
  await page.getByRole('heading', { name: 'Therapists', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Add a therapist' }).waitFor();
  await page.getByText(/In AWS, adding a therapist emails them Cognito’s invitation/).waitFor();

  // A field error from the API lands at its field.
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Email', { exact: true }).fill('not an address');
  await page.getByRole('button', { name: 'Add therapist' }).click();
  const email = page.getByLabel('Email', { exact: true });
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
  await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'email');
  const described = (await email.getAttribute('aria-describedby'))!.split(' ');
  const errorText = await page.locator(`#${described[described.length - 1]}`).innerText();
  expect(errorText).toMatch(/email/i);

  await email.fill(`${id}@example.test`);
  await page.getByLabel('Time zone').selectOption('Europe/Vienna');
  await page.getByLabel('Bio (optional)').fill('Works with couples.');
  await page.getByLabel('Id (optional)').fill(id);
  await page.getByRole('button', { name: 'Add therapist' }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await row.waitFor();
  expect(await row.innerText()).toMatch(new RegExp(`${id}@example\\.test[\\s\\S]*Europe/Vienna[\\s\\S]*Active`));
  await expectConsoleAccessible(page, 'therapists, desktop');
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectConsoleAccessible(page, 'therapists, 320 px');
  await page.setViewportSize({ width: 1280, height: 900 });

  // They have a session type, so the widget has something to offer of theirs.
  const own = asBearer((await http('POST', '/_local/token', { therapistId: id })).json.token as string);
  expect((await http('POST', '/v1/me/session-types', INDIVIDUAL, own)).status).toBe(201);
  expect(await widgetOffers(name)).toBe(true);

  // Signed out, the new therapist is on the local sign-in page, and signs in to their (empty) week.
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect(await signInLabels(page)).toContain(`Sign in as ${name} (therapist)`);
  await page.getByRole('button', { name: asTherapist(name) }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByText(`Signed in as ${name}`).waitFor();
  await page.getByRole('heading', { name: 'Week', level: 1 }).waitFor();
  expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allInnerTexts()).not.toContain('Therapists');

  // The admin deactivates them, after a confirmation that says what it means.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: asAdmin }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('link', { name: 'Therapists' }).click();
  await page.getByRole('button', { name: `Deactivate ${name}` }).click();
  const confirm = page.getByRole('group', { name: `Deactivate ${name}?` });
  expect(await confirm.innerText()).toMatch(/bookings stay[\s\S]*no longer appear in the booking widget[\s\S]*can no longer sign in/);
  await expectConsoleAccessible(page, 'deactivation confirmation');
  await confirm.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await page.getByRole('button', { name: `Reactivate ${name}` }).waitFor();
  expect(await row.innerText()).toContain('Deactivated');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Reactivate');
  expect(await widgetOffers(name)).toBe(false);
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect(await signInLabels(page)).not.toContain(`Sign in as ${name} (therapist)`);

  // Reactivated: back on the sign-in page and in the widget.
  await page.getByRole('button', { name: asAdmin }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('link', { name: 'Therapists' }).click();
  await page.getByRole('button', { name: `Reactivate ${name}` }).click();
  await page.getByRole('button', { name: `Deactivate ${name}` }).waitFor();
  expect(await row.innerText()).toContain('Active');
  expect(await widgetOffers(name)).toBe(true);
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect(await signInLabels(page)).toContain(`Sign in as ${name} (therapist)`);
  expect(admin.foreign).toEqual([]);
  expect(admin.errors).toEqual([]);
  await page.context().close();
});

test('an admin changes a therapist: the list shows it, the bio kept', async () => {
  const id = `admin-edit-${Math.random().toString(36).slice(2, 8)}`;
  const created = await http('POST', '/v1/admin/therapists', { id, displayName: 'Dr. Before Edit', email: `${id}@example.test`, timeZone: 'Europe/Berlin', bio: 'Kept.' }, asBearer(await adminToken()));
  expect(created.status).toBe(201);
  const { page, errors } = await openConsole(browser, asAdmin, {}, '#/admin/therapists');
  await page.getByRole('button', { name: 'Change Dr. Before Edit' }).click();
  await page.getByRole('heading', { name: 'Change Dr. Before Edit' }).waitFor();
  await page.getByLabel('Display name').fill('Dr. After Edit');
  await page.getByLabel('Time zone').selectOption('America/New_York');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Change Dr. After Edit' }).waitFor();
  const stored = (await http('GET', '/v1/admin/therapists', undefined, asBearer(await adminToken()))).json.therapists.find((t: { id: string }) => t.id === id);
  expect(stored).toMatchObject({ displayName: 'Dr. After Edit', timeZone: 'America/New_York', bio: 'Kept.', active: true });
  await page.getByRole('heading', { name: 'Add a therapist' }).waitFor();
  expect(errors).toEqual([]);
  await page.context().close();
});

test('an unsaved new therapist survives a sign-in that ends on Add', async () => {
  const { page, errors } = await openConsole(browser, asAdmin, {}, '#/admin/therapists');
  await page.getByLabel('Display name').fill('Dr. Draft Kept');
  await page.getByLabel('Email', { exact: true }).fill('draft-kept@example.test');
  await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
  // The API refuses the token (as after a revocation): the shell keeps the form and signs in again.
  await page.route('**/v1/admin/therapists', (r) =>
    r.request().method() === 'POST' ? r.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: 'Sign in again.' } } }) : r.fallback(),
  );
  await page.getByRole('button', { name: 'Add therapist' }).click();
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  await page.unroute('**/v1/admin/therapists');
  await page.getByRole('button', { name: asAdmin }).click();
  await page.getByLabel('Display name').waitFor();
  expect([await page.getByLabel('Display name').inputValue(), await page.getByLabel('Email', { exact: true }).inputValue(), await page.getByLabel('Time zone').inputValue()])
    .toEqual(['Dr. Draft Kept', 'draft-kept@example.test', 'Europe/Lisbon']);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('the sender name an admin saves is the From of the next booking email; a bad value is shown at its field', async () => {
  const therapist = await createTherapist('adminsettings');
  const { page, errors, foreign } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/settings');
  await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
  const senderName = page.getByLabel('Sender name');
  await senderName.waitFor();
  await page.getByText(/neutral name such as the practice’s initials is more discreet/).waitFor();
  await page.getByText(/learns what kind of session they booked/).waitFor();

  // A validation error from the API, at its field, focused; nothing saved.
  await page.getByLabel('Keep client details for (days)').fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const retention = page.getByLabel('Keep client details for (days)');
  await page.locator('[aria-invalid="true"]').first().waitFor();
  expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
  await expect(retention.getAttribute('aria-invalid')).resolves.toBe('true');
  await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === '0');
  const errorId = (await retention.getAttribute('aria-describedby'))!.split(' ').pop()!;
  expect(await page.locator(`#${errorId}`).innerText()).not.toBe('');
  await page.screenshot({ path: path.resolve('test-artifacts/console-settings-error.png'), fullPage: true });
  await retention.fill(String(settingsBefore!.retentionDays));

  // A reminder row added and removed by keyboard-reachable buttons.
  const reminderRows = () => page.getByRole('spinbutton', { name: /^Reminder \d: how long before$/ }).count();
  const reminders = await reminderRows();
  await page.getByRole('button', { name: 'Add a reminder' }).click();
  expect(await reminderRows()).toBe(reminders + 1);
  await page.getByRole('button', { name: `Remove reminder ${reminders + 1}` }).click();
  expect(await reminderRows()).toBe(reminders);

  await senderName.fill('HLT Appointments');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await expectConsoleAccessible(page, 'settings, desktop');
  // The README's picture: the top of the page, the sender name and its privacy note in view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'console-settings');
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectConsoleAccessible(page, 'settings, 320 px');

  try {
    const address = `admin-settings-${Math.random().toString(36).slice(2, 8)}@example.test`;
    await bookThroughApi(therapist, `${nthWeekday(2)}T10:00:00+01:00`, address);
    const email = await emailFrom(address);
    expect(email).toMatch(/^"?HLT Appointments"? </);
  } finally {
    await http('PUT', '/v1/admin/settings', settingsBefore, asBearer(await adminToken()));
  }
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

/** The From header of the first message to `address` in the local outbox. */
async function emailFrom(address: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const emails = (await http('GET', '/_local/outbox')).json.emails as { destination: { to: string[] }; from: string }[];
    const mine = emails.find((e) => e.destination.to.some((to) => to.includes(address)));
    if (mine) return mine.from;
    if (Date.now() > deadline) throw new Error(`no email to ${address}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('the three abuse limits are fields of the settings: a bad one is shown at its field, a change saves and keeps the others', async () => {
  const { page, errors, foreign } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/settings');
  await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
  await page.getByRole('group', { name: 'Limits against misuse' }).waitFor();
  const active = page.getByLabel('Upcoming appointments per client with one therapist');
  const before = settingsBefore!.limits as Record<string, number>;
  expect(await active.inputValue()).toBe(String(before.activeBookingsPerClient));
  expect(await page.getByLabel('Booking requests per network address per hour').inputValue()).toBe(String(before.bookingsPerSourcePerHour));
  expect(await page.getByLabel('Confirmation emails per address per day').inputValue()).toBe(String(before.verificationEmailsPerAddressPerDay));

  await active.fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await expect(active.getAttribute('aria-invalid')).resolves.toBe('true');
  const admin = asBearer(await adminToken());
  expect((await http('GET', '/v1/admin/settings', undefined, admin)).json.settings.limits).toEqual(before);

  // Still high, so the other files' bookings on the demo practice are not held back.
  await active.fill('999');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  try {
    expect((await http('GET', '/v1/admin/settings', undefined, admin)).json.settings.limits).toEqual({ ...before, activeBookingsPerClient: 999 });
    await expectConsoleAccessible(page, 'settings with limits');
  } finally {
    await http('PUT', '/v1/admin/settings', { limits: before }, admin);
  }
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await page.context().close();
});

test('the audit log keeps its entries for a retention the admin sets: shown, refused below 30 days at its field, saved', async () => {
  const { page, errors, foreign } = await openConsole(browser, asAdmin, { viewport: { width: 1280, height: 900 } }, '#/admin/settings');
  await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
  const field = page.getByLabel('Keep the audit log for (days)');
  const before = settingsBefore!.auditRetentionDays as number;
  expect(await field.inputValue()).toBe(String(before));
  const admin = asBearer(await adminToken());
  const stored = async () => (await http('GET', '/v1/admin/settings', undefined, admin)).json.settings.auditRetentionDays;

  await field.fill('7');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await stored()).toBe(before);

  await field.fill('2555');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  try {
    expect(await stored()).toBe(2555);
  } finally {
    await http('PUT', '/v1/admin/settings', { auditRetentionDays: before }, admin);
  }
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await page.context().close();
});

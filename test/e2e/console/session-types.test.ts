import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { openWidget } from '../widget/widget-fixture';
import { asTherapist, expectConsoleAccessible, http, openConsole } from './console-fixture';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const token = async (therapistId: string, role?: 'admin') => (await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token as string;
const TALK = { id: 'types-talk-50', name: 'Types talk', kind: 'individual', durationMinutes: 50, modality: 'telehealth' };

/** A therapist of this file's own, with weekday hours and one individual type that has a booking ahead. */
async function therapist() {
  const id = `session-types-${Math.random().toString(36).slice(2, 8)}`;
  const displayName = `Dr. Types ${id.slice(-6)}`;
  expect((await http('POST', '/v1/admin/therapists', { id, displayName, email: `${id}@example.test`, timeZone: 'Europe/Berlin' }, bearer(await token('types-admin', 'admin')))).status).toBe(201);
  const auth = bearer(await token(id));
  const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
  expect((await http('PUT', '/v1/me/schedule', { timeZone: 'Europe/Berlin', weekly, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 400, slotIntervalMinutes: 60 }, auth)).status).toBe(200);
  expect((await http('POST', '/v1/me/session-types', TALK, auth)).status).toBe(201);
  // A booking some weeks ahead, whatever the runtime's clock says today.
  const from = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 10);
  const open = await http('GET', `/v1/therapists/${id}/availability?sessionTypeId=${TALK.id}&from=${from}&to=${to}`);
  const start = open.json.days[0].slots[0].start as string;
  const booked = await http('POST', '/v1/bookings', { therapistId: id, sessionTypeId: TALK.id, start, timeZone: 'Europe/Berlin', clients: [{ name: 'Types Client', email: `${id}-client@example.test` }], policyAccepted: true });
  expect(booked.status).toBe(201);
  return { id, displayName, auth };
}

const types = async (auth: Record<string, string>) => (await http('GET', '/v1/me/session-types', undefined, auth)).json.sessionTypes as { id: string; name: string; kind: string; hidden?: boolean; audience?: string; approval?: string }[];

/** The session types the widget offers for this therapist, once it has shown its list. */
async function widgetTypes(therapistId: string): Promise<string[]> {
  const w = await openWidget(browser, therapistId);
  await w.widget.getByRole('button', { name: /Types talk|Couples evening/ }).first().waitFor();
  const names = await w.widget.getByRole('button', { name: /Types talk|Couples evening/ }).allInnerTexts();
  expect(w.errors).toEqual([]);
  await w.close();
  return names;
}

test('add a couples type and the widget offers it; hide it and the widget does not', async () => {
  const { id, displayName, auth } = await therapist();
  const { page, foreign, errors } = await openConsole(browser, asTherapist(displayName));
  await page.getByRole('link', { name: 'Session types' }).click();
  await page.getByRole('row', { name: /Types talk/ }).waitFor();

  await page.getByRole('button', { name: 'Add a session type' }).click();
  // Bad input first: the API's error appears at its field and focus goes there.
  await page.getByRole('button', { name: 'Save' }).click();
  const name = page.getByLabel('Name', { exact: true });
  await page.getByText(/Too small|at least|required/i).first().waitFor();
  await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(name.evaluate((el: any) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
  await expectConsoleAccessible(page, 'session type form with an error');

  await name.fill('Couples evening');
  await page.getByLabel('Who comes').selectOption('couples');
  await page.getByLabel('Length (minutes)').fill('80');
  await page.getByLabel('Where').selectOption('in_person');
  await page.getByLabel('Description (optional)').fill('Both partners, at the practice.');
  await page.getByRole('button', { name: 'Save' }).click();
  const row = page.getByRole('row', { name: /Couples evening/ });
  await row.waitFor();
  await expect(row.innerText()).resolves.toMatch(/Couples · 80 min · In person[\s\S]*Offered/);
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const added = (await types(auth)).find((t) => t.name === 'Couples evening');
  expect(added).toMatchObject({ kind: 'couples' });
  expect(added?.hidden).toBeFalsy();
  expect(await widgetTypes(id)).toEqual(expect.arrayContaining([expect.stringContaining('Couples evening')]));

  await page.getByRole('button', { name: 'Hide Couples evening' }).click();
  await page.getByRole('button', { name: 'Show Couples evening' }).waitFor();
  await expect(row.innerText()).resolves.toMatch(/Hidden/);
  expect((await types(auth)).find((t) => t.name === 'Couples evening')?.hidden).toBe(true);
  const offered = await widgetTypes(id);
  expect(offered.some((n) => n.includes('Couples evening'))).toBe(false);
  expect(offered.some((n) => n.includes('Types talk'))).toBe(true);
  await expectConsoleAccessible(page, 'session types list');
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('deleting a type with a future booking explains why not and offers to hide it instead', async () => {
  const { displayName, auth } = await therapist();
  const { page } = await openConsole(browser, asTherapist(displayName), { viewport: { width: 320, height: 800 } });
  await page.getByRole('link', { name: 'Session types' }).click();
  await page.getByRole('button', { name: 'Delete Types talk' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  const explanation = page.getByRole('alert').filter({ hasText: 'Types talk has future bookings, so it cannot be deleted. Hide it instead' });
  await explanation.waitFor();
  await expectConsoleAccessible(page, 'delete refused at 320 px');
  const overflow = await page.evaluate(() => { const root = (globalThis as any).document.documentElement; return root.scrollWidth - root.clientWidth; });
  expect(overflow).toBeLessThanOrEqual(0);
  expect((await types(auth)).map((t) => t.id)).toEqual([TALK.id]); // still there

  await explanation.getByRole('button', { name: 'Hide Types talk instead' }).click();
  await page.getByRole('button', { name: 'Show Types talk' }).waitFor();
  expect((await types(auth))[0]).toMatchObject({ id: TALK.id, hidden: true });
  await page.context().close();
});

test('a type without bookings is deleted, and editing one keeps its id', async () => {
  const { displayName, auth } = await therapist();
  const extra = await http('POST', '/v1/me/session-types', { name: 'Short check-in', kind: 'individual', durationMinutes: 20, modality: 'telehealth' }, auth);
  expect(extra.status).toBe(201);
  const { page } = await openConsole(browser, asTherapist(displayName));
  await page.getByRole('link', { name: 'Session types' }).click();
  await page.getByRole('button', { name: 'Edit Short check-in' }).click();
  await page.getByLabel('Length (minutes)').fill('25');
  await page.getByLabel('Where').selectOption('in_person');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('row', { name: /Short check-in/ }).filter({ hasText: '25 min · In person' }).waitFor();
  expect((await types(auth)).find((t) => t.id === extra.json.sessionType.id)).toMatchObject({ durationMinutes: 25, modality: 'in_person' });

  await page.getByRole('button', { name: 'Delete Short check-in' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByRole('status').filter({ hasText: 'Deleted.' }).waitFor();
  await expect(page.getByRole('row', { name: /Short check-in/ }).count()).resolves.toBe(0);
  expect((await types(auth)).map((t) => t.id)).toEqual([TALK.id]);
  await page.context().close();
});

test('who can book a type and whether it needs approval are chosen in the form, saved, listed, kept when it is hidden, and shown again when edited', async () => {
  const { displayName, auth } = await therapist();
  const { page, errors } = await openConsole(browser, asTherapist(displayName));
  await page.getByRole('link', { name: 'Session types' }).click();
  await page.getByRole('button', { name: 'Edit Types talk' }).click();
  const audience = page.getByLabel('Who can book it');
  const approval = page.getByLabel('Your approval');
  // An older type has neither: everyone, no approval.
  await expect(audience.inputValue()).resolves.toBe('everyone');
  await expect(approval.inputValue()).resolves.toBe('none');
  await page.getByText(/checked only once the client has confirmed their address/).waitFor();
  await audience.selectOption({ label: 'New clients only' });
  await approval.selectOption({ label: 'Needed for every booking' });
  await expectConsoleAccessible(page, 'session type form with audience and approval');
  await page.getByRole('button', { name: 'Save' }).click();
  const row = page.getByRole('row', { name: /Types talk/ });
  await row.filter({ hasText: 'New clients only' }).filter({ hasText: 'Approval for every booking' }).waitFor();
  expect((await types(auth)).find((t) => t.id === TALK.id)).toMatchObject({ audience: 'new_clients', approval: 'always' });

  // Hiding sends the whole type: the rules stay.
  await page.getByRole('button', { name: 'Hide Types talk' }).click();
  await page.getByRole('button', { name: 'Show Types talk' }).waitFor();
  expect((await types(auth)).find((t) => t.id === TALK.id)).toMatchObject({ hidden: true, audience: 'new_clients', approval: 'always' });

  await page.getByRole('button', { name: 'Edit Types talk' }).click();
  await expect(audience.inputValue()).resolves.toBe('new_clients');
  await expect(approval.inputValue()).resolves.toBe('always');
  await audience.selectOption('existing_clients');
  await approval.selectOption('new_clients');
  await page.getByRole('button', { name: 'Save' }).click();
  await row.filter({ hasText: 'Existing clients only' }).filter({ hasText: 'Approval for new clients' }).waitFor();
  expect((await types(auth)).find((t) => t.id === TALK.id)).toMatchObject({ audience: 'existing_clients', approval: 'new_clients' });
  expect(errors).toEqual([]);
  await page.context().close();
});

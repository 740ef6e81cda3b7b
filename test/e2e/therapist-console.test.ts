import { generateKeyPair, SignJWT } from 'jose';
import ICAL from 'ical.js';
import { httpClient } from '../support/http-client';

const api = process.env.E2E_API!;
const http = httpClient(api);
const token = async (therapistId: string, role?: 'admin') => (await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token as string;
const as = (t: string) => ({ authorization: `Bearer ${t}` });
const weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '10:00', end: '12:00' }]]));

let admin: string, alice: string, bob: string;
beforeAll(async () => {
  admin = await token('e2e-admin', 'admin');
  for (const id of ['e2e-alice', 'e2e-bob']) {
    const r = await http('POST', '/v1/admin/therapists', { id, displayName: id.slice(4), email: `${id}@example.test`, timeZone: 'UTC' }, as(admin));
    expect(r.status).toBe(201);
  }
  alice = await token('e2e-alice');
  bob = await token('e2e-bob');
});

test('the local gateway refuses every forged or missing token with 401', async () => {
  const [header, payload, signature] = alice.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const { privateKey } = await generateKeyPair('RS256');
  const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
  const forged = {
    none: undefined,
    garbage: 'garbage',
    algNone: `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
    tampered: `${header}.${Buffer.from(JSON.stringify({ ...claims, 'custom:therapistId': 'e2e-bob' })).toString('base64url')}.${signature}`,
    otherKey: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey),
  };
  for (const [name, t] of Object.entries(forged)) {
    const r = await http('GET', '/v1/me/schedule', undefined, t ? as(t) : {});
    expect([name, r.status, r.json?.error?.code]).toEqual([name, 401, 'unauthorized']);
  }
});

test('a therapist sets their hours and the public availability follows', async () => {
  const put = await http('PUT', '/v1/me/schedule', { timeZone: 'UTC', weekly, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 400, slotIntervalMinutes: 60 }, as(alice));
  expect(put.status).toBe(200);
  const type = await http('POST', '/v1/me/session-types', { id: 'talk-50', name: 'Talk', kind: 'individual', durationMinutes: 50, modality: 'telehealth' }, as(alice));
  expect(type.status).toBe(201);
  const a = await http('GET', '/v1/therapists/e2e-alice/availability?sessionTypeId=talk-50&from=2027-01-04&to=2027-01-06&timeZone=UTC');
  expect(a.json.days.flatMap((d: { slots: { start: string }[] }) => d.slots.map((s) => s.start))).toEqual([
    '2027-01-04T10:00:00+00:00', '2027-01-04T11:00:00+00:00', '2027-01-05T10:00:00+00:00', '2027-01-05T11:00:00+00:00', '2027-01-06T10:00:00+00:00', '2027-01-06T11:00:00+00:00',
  ]);
});

test("another therapist cannot see or touch Alice's bookings; Alice can, and can cancel them", async () => {
  const b = await http('POST', '/v1/bookings', { therapistId: 'e2e-alice', sessionTypeId: 'talk-50', start: '2027-01-05T10:00:00Z', timeZone: 'UTC', clients: [{ name: 'Casey Doe', email: 'casey@example.test' }], note: 'private', policyAccepted: true });
  expect(b.status).toBe(201);
  const id = b.json.booking.id;
  const bobsView = await http('GET', '/v1/me/bookings?from=2027-01-01&to=2027-01-31', undefined, as(bob));
  expect(bobsView.status).toBe(200);
  expect(bobsView.text).not.toContain(id);
  expect([403, 404]).toContain((await http('POST', `/v1/me/bookings/${id}/cancel`, {}, as(bob))).status);
  expect((await http('GET', '/v1/admin/settings', undefined, as(bob))).status).toBe(403);
  const alicesView = await http('GET', '/v1/me/bookings?from=2027-01-01&to=2027-01-31', undefined, as(alice));
  expect(alicesView.json.bookings).toEqual([expect.objectContaining({ id, note: 'private', status: 'confirmed' })]);
  const cancelled = await http('POST', `/v1/me/bookings/${id}/cancel`, { reason: 'unwell' }, as(alice));
  expect(cancelled.json.booking.status).toBe('cancelled');
});

test('the calendar feed URL serves a valid, private .ics to a calendar app without a token', async () => {
  await http('POST', '/v1/bookings', { therapistId: 'e2e-alice', sessionTypeId: 'talk-50', start: '2027-01-06T11:00:00Z', timeZone: 'UTC', clients: [{ name: 'Dana Roe', email: 'dana@example.test' }], policyAccepted: true });
  const { url } = (await http('GET', '/v1/me/calendar-feed', undefined, as(alice))).json;
  expect(url.startsWith(`${api}/v1/calendar-feeds/e2e-alice/`)).toBe(true);
  const feed = await fetch(url);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events.map((e) => e.getFirstPropertyValue('summary'))).toContain('Appointment: Dana');
  expect(events.every((e) => e.getFirstPropertyValue('class') === 'PRIVATE')).toBe(true);
  const rotated = (await http('POST', '/v1/me/calendar-feed/rotate', undefined, as(alice))).json.url;
  expect((await fetch(url)).status).toBe(404);
  expect((await fetch(rotated)).status).toBe(200);
});

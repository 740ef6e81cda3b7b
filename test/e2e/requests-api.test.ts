import { httpClient } from '../support/http-client';

/*
 * Requests over HTTP, as `npm start` serves them (the demo practice does not verify addresses, so
 * the type's approval rule applies at once): a client's booking of a type that needs approval is
 * `requested` and holds its time; the therapist finds it by status and approves one, declines
 * another. February 2027, on a date the other end-to-end files do not book.
 */
const http = httpClient(process.env.E2E_API!);
const typeId = `by-approval-${Date.now().toString(36)}`;
const body = { name: 'First session', kind: 'individual', durationMinutes: 50, modality: 'telehealth' };
let auth: Record<string, string>;

beforeAll(async () => {
  const token = (await http('POST', '/_local/token', { therapistId: 'demo' })).json.token as string;
  auth = { authorization: `Bearer ${token}` };
  const created = await http('POST', '/v1/me/session-types', { id: typeId, ...body, approval: 'always' }, auth);
  expect(created.status).toBe(201);
});
afterAll(async () => {
  // Hide the type again so the demo practice others read looks as seeded.
  await http('PUT', `/v1/me/session-types/${typeId}`, { ...body, hidden: true }, auth);
});

const DATE = '2027-02-09';
const slotsOn = async () =>
  ((await http('GET', `/v1/therapists/demo/availability?sessionTypeId=${typeId}&from=${DATE}&to=${DATE}&timeZone=UTC`)).json.days[0]?.slots ?? []).map(
    (s: { start: string }) => Date.parse(s.start),
  );
const book = (start: string, n: number) =>
  http('POST', '/v1/bookings', {
    therapistId: 'demo', sessionTypeId: typeId, start, timeZone: 'UTC', clients: [{ name: `Rae Request${n}`, email: `rae.request${n}@example.test` }], policyAccepted: true,
  });

test('a request holds its time until the therapist answers: approved it is confirmed, declined the time is free again', async () => {
  const [first, second] = ['2027-02-09T15:00:00Z', '2027-02-09T18:00:00Z'];
  const a = await book(first, 1);
  const b = await book(second, 2);
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(a.json.booking).toMatchObject({ status: 'requested', holdUntil: expect.any(String) });
  expect(await slotsOn()).not.toContain(Date.parse(second));

  const listed = await http('GET', `/v1/me/bookings?status=requested&from=${DATE}&to=${DATE}`, undefined, auth);
  expect(listed.status).toBe(200);
  expect(listed.json.bookings.map((x: { id: string }) => x.id).sort()).toEqual([a.json.booking.id, b.json.booking.id].sort());

  const approved = await http('POST', `/v1/me/bookings/${a.json.booking.id}/approve`, undefined, auth);
  expect(approved.status).toBe(200);
  expect(approved.json.booking.status).toBe('confirmed');
  const declined = await http('POST', `/v1/me/bookings/${b.json.booking.id}/decline`, { reason: 'Please call the practice first' }, auth);
  expect(declined.status).toBe(200);
  expect(declined.json.booking).toMatchObject({ status: 'declined', declinedBy: 'therapist', declineReason: 'Please call the practice first' });
  expect(await slotsOn()).toContain(Date.parse(second));
  expect(await slotsOn()).not.toContain(Date.parse(first));

  const seen = await http('GET', `/v1/bookings/${b.json.booking.id}`, undefined, { authorization: `Bearer ${b.json.manageToken}` });
  expect(seen.json.booking.status).toBe('declined');
  expect(seen.json.booking.declineReason).toBeUndefined(); // the therapist's words, not the client's view
});

test('a verify link that was never issued is 403 through the gateway', async () => {
  const a = await book('2027-02-09T20:00:00Z', 3);
  const r = await http('POST', `/v1/bookings/${a.json.booking.id}/verify`, undefined, { authorization: `Bearer ${a.json.manageToken}` });
  expect(r.status).toBe(403);
  expect(r.json.error.code).toBe('forbidden');
});

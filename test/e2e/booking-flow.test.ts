import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_TABLE_NAME } from '../../infra/local/local-runtime';
import { ROUTES } from '../../infra/routes';
import { httpClient } from '../support/http-client';
import { runOpenApiTools } from '../support/openapi-tools';

const api = process.env.E2E_API!;
const http = httpClient(api);
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env.E2E_DYNAMODB_ENDPOINT, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
);
afterAll(() => db.destroy());

/** Everything requests write. Event consumers (reminders, delivery claims) work on in the
 * background after earlier bookings, so their items are left out of "nothing changed". */
/**
 * The items requests write. Consumers write reminders, delivery claims and client histories later,
 * and the scheduled calendar sync rewrites other files' calendar sources and busy times, at any moment.
 */
const WRITTEN_IN_THE_BACKGROUND = new Set(['reminder', 'delivery', 'clientHistory', 'calendarSource', 'externalBusy']);
async function allItems() {
  return (await tableItems()).filter((item) => !WRITTEN_IN_THE_BACKGROUND.has(String(item.type)));
}

async function tableItems() {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: LOCAL_TABLE_NAME, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const NOW = '2026-12-01T12:00:00Z'; // a Tuesday
const person = (i: number) => ({ name: `Client ${i}`, email: `client${i}@example.test` });
const slotsOf = (r: { json: any }) => r.json.days.flatMap((d: { slots: { start: string }[] }) => d.slots) as { start: string; end: string }[];

beforeAll(async () => {
  expect((await http('POST', '/_local/clock', { now: NOW })).status).toBe(200);
});

describe('the demo practice over HTTP, as npm start serves it', () => {
  let individual: { start: string; end: string }[];

  test('lists the demo therapist with an individual and a couples session type', async () => {
    const r = await http('GET', '/v1/therapists');
    expect(r.status).toBe(200);
    const demo = r.json.therapists.find((t: { id: string }) => t.id === 'demo');
    expect(demo.timeZone).toBe('America/New_York');
    expect(demo.sessionTypes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'individual-50', kind: 'individual', durationMinutes: 50 }),
        expect.objectContaining({ id: 'couples-80', kind: 'couples', durationMinutes: 80 }),
      ]),
    );
  });

  test('availability in the therapist zone follows the hours, lunch break and notice', async () => {
    const r = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-02&to=2026-12-04');
    expect(r.status).toBe(200);
    expect(r.json.timeZone).toBe('America/New_York');
    expect(r.json.days.map((d: { date: string }) => d.date)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
    const wed = r.json.days[0].slots.map((s: { start: string }) => s.start.slice(11, 16));
    // 09:00-12:00 and 13:00-17:00, 50 minutes every 30: nothing ends in the lunch break.
    expect(wed).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']);
    expect(r.json.days[0].slots[0]).toEqual({ start: '2026-12-02T09:00:00-05:00', end: '2026-12-02T09:50:00-05:00' });
    individual = slotsOf(r);
  });

  test('the same instants appear in a client zone a day ahead, dated in that zone', async () => {
    const r = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-02&to=2026-12-06&timeZone=Pacific/Auckland');
    expect(r.status).toBe(200);
    const auckland = slotsOf(r);
    expect(auckland.every((s) => s.start.endsWith('+13:00'))).toBe(true);
    for (const day of r.json.days) for (const slot of day.slots) expect(slot.start.slice(0, 10)).toBe(day.date);
    const instants = new Set(auckland.map((s) => Date.parse(s.start)));
    expect(individual.every((s) => instants.has(Date.parse(s.start)))).toBe(true);
    // Wednesday 09:00 in New York is Thursday 03:00 in Auckland.
    expect(r.json.days.find((d: { date: string }) => d.date === '2026-12-03').slots[0].start).toBe('2026-12-03T03:00:00+13:00');
  });

  let booking: { id: string; start: string }, token: string;

  test('books an individual session and no longer offers its time', async () => {
    const r = await http('POST', '/v1/bookings', {
      therapistId: 'demo', sessionTypeId: 'individual-50', start: individual[0]!.start, timeZone: 'Europe/Berlin', clients: [person(1)], note: 'first time', policyAccepted: true,
    });
    expect(r.status).toBe(201);
    expect(r.json.booking).toMatchObject({ status: 'confirmed', therapistId: 'demo', timeZone: 'Europe/Berlin', start: '2026-12-02T15:00:00+01:00', end: '2026-12-02T15:50:00+01:00' });
    expect(r.json.booking.note).toBeUndefined();
    booking = r.json.booking;
    token = r.json.manageToken;
    const after = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-02&to=2026-12-02');
    // 09:00-09:50 plus a 10-minute buffer: 09:30 goes too, 10:00 stays.
    expect(after.json.days[0].slots.map((s: { start: string }) => s.start.slice(11, 16)).slice(0, 2)).toEqual(['10:00', '10:30']);
  });

  test('books a couples session for two partners', async () => {
    const a = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=couples-80&from=2026-12-03&to=2026-12-03&timeZone=America/Chicago');
    const start = slotsOf(a)[0]!.start;
    expect(start).toBe('2026-12-03T08:00:00-06:00');
    const one = await http('POST', '/v1/bookings', { therapistId: 'demo', sessionTypeId: 'couples-80', start, timeZone: 'America/Chicago', clients: [person(2)], policyAccepted: true });
    expect(one.status).toBe(400);
    expect(one.json.error.fields).toEqual([{ path: 'clients', message: expect.any(String) }]);
    const two = await http('POST', '/v1/bookings', { therapistId: 'demo', sessionTypeId: 'couples-80', start, timeZone: 'America/Chicago', clients: [person(2), person(3)], policyAccepted: true });
    expect(two.status).toBe(201);
    expect(two.json.booking.clients).toEqual([person(2), person(3)]);
    expect(two.json.booking.end).toBe('2026-12-03T09:20:00-06:00');
  });

  test('manages the booking with its token: read, reschedule, cancel; the slots follow', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const read = await http('GET', `/v1/bookings/${booking.id}`, undefined, auth);
    expect(read.status).toBe(200);
    expect(read.json.booking.id).toBe(booking.id);
    const viaQuery = await http('GET', `/v1/bookings/${booking.id}?token=${encodeURIComponent(token)}`);
    expect(viaQuery.status).toBe(200);

    const target = individual.find((s) => s.start.startsWith('2026-12-04T14:00'))!.start;
    const moved = await http('POST', `/v1/bookings/${booking.id}/reschedule`, { start: target }, auth);
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.json.booking.start)).toBe(Date.parse(target));
    const wed = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-02&to=2026-12-02');
    expect(wed.json.days[0].slots[0].start).toBe('2026-12-02T09:00:00-05:00'); // released

    const cancelled = await http('POST', `/v1/bookings/${booking.id}/cancel`, { reason: 'schedule' }, auth);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.booking.status).toBe('cancelled');
    const fri = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-04&to=2026-12-04');
    expect(fri.json.days[0].slots.map((s: { start: string }) => s.start)).toContain(target);

    const tampered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    expect((await http('GET', `/v1/bookings/${booking.id}`, undefined, { authorization: `Bearer ${tampered}` })).status).toBe(403);
  });

  test('a retried POST with the same Idempotency-Key books once', async () => {
    const body = { therapistId: 'demo', sessionTypeId: 'individual-50', start: individual[3]!.start, timeZone: 'UTC', clients: [person(4)], policyAccepted: true };
    const headers = { 'idempotency-key': 'e2e-retry-1' };
    const [a, b] = [await http('POST', '/v1/bookings', body, headers), await http('POST', '/v1/bookings', body, headers)];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.json.booking.id).toBe(a.json.booking.id);
  });

  const bad: [string, string, string, unknown, number][] = [
    ['malformed JSON', 'POST', '/v1/bookings', '{not json', 400],
    ['an empty object', 'POST', '/v1/bookings', {}, 400],
    ['wrong types', 'POST', '/v1/bookings', { therapistId: 7, sessionTypeId: true, start: 1, timeZone: [], clients: {}, policyAccepted: 'yes' }, 400],
    ['an unknown zone', 'POST', '/v1/bookings', { therapistId: 'demo', sessionTypeId: 'individual-50', start: '2026-12-08T15:00:00Z', timeZone: 'Mars/Olympus', clients: [person(5)], policyAccepted: true }, 400],
    ['a start in the past', 'POST', '/v1/bookings', { therapistId: 'demo', sessionTypeId: 'individual-50', start: '2026-11-30T15:00:00Z', timeZone: 'UTC', clients: [person(5)], policyAccepted: true }, 409],
    ['two clients for an individual session', 'POST', '/v1/bookings', { therapistId: 'demo', sessionTypeId: 'individual-50', start: '2026-12-08T15:00:00Z', timeZone: 'UTC', clients: [person(5), person(6)], policyAccepted: true }, 400],
    ['an oversized body', 'POST', '/v1/bookings', { therapistId: 'demo', note: 'x'.repeat(70_000) }, 413],
    ['to before from', 'GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-09&to=2026-12-02', undefined, 400],
    ['a range over 62 days', 'GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-02&to=2027-03-02', undefined, 400],
    ['an unknown client zone', 'GET', '/v1/therapists/demo/availability?sessionTypeId=individual-50&from=2026-12-02&to=2026-12-03&timeZone=Nowhere/Land', undefined, 400],
    ['an unknown therapist', 'GET', '/v1/therapists/nobody/availability?sessionTypeId=individual-50&from=2026-12-02&to=2026-12-03', undefined, 404],
    ['an unknown route', 'GET', '/v1/nothing-here', undefined, 404],
    ['a booking id that is not one', 'GET', '/v1/bookings/not-an-id', undefined, 400],
  ];
  test.each(bad)('%s gets a %s… error in the contract shape and changes nothing', async (_name, method, path, body, status) => {
    const before = await allItems();
    const r = await http(method, path, body);
    expect(r.status).toBe(status);
    expect(r.json.error).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) }));
    if (status === 400) expect(Array.isArray(r.json.error.fields)).toBe(true);
    expect(r.text).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(await allItems()).toEqual(before);
  });

  test('CORS headers go to the configured origin only', async () => {
    const allowed = new URL(api).origin;
    const ok = await http('GET', '/v1/therapists', undefined, { origin: allowed });
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    const other = await http('GET', '/v1/therapists', undefined, { origin: 'https://elsewhere.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api}/v1/bookings`, { method: 'OPTIONS', headers: { origin: allowed, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/idempotency-key/);
    const foreign = await fetch(`${api}/v1/bookings`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the OpenAPI document is 3.1 and covers every route of the route table', async () => {
    const r = await http('GET', '/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toMatch(/^3\.1\./);
    for (const route of ROUTES.filter((x) => x.operationId !== 'corsPreflight')) expect(r.json.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    const create = r.json.paths['/v1/bookings'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['therapistId', 'sessionTypeId', 'start', 'timeZone', 'clients', 'policyAccepted']),
    );
    // Usable as served: its server is the gateway, swagger-parser resolves it, a client generates from it.
    expect(r.json.servers).toEqual([{ url: api.replace(/\/$/, '') }]);
    expect(runOpenApiTools(r.text)).toMatchObject({ validation: null, generation: null });
  });

  test('the virtual clock can be read and set', async () => {
    expect(Date.parse((await http('GET', '/_local/clock')).json.now)).toBeGreaterThanOrEqual(Date.parse(NOW));
    const bad = await http('POST', '/_local/clock', { now: 'tomorrow' });
    expect(bad.status).toBe(400);
  });
});

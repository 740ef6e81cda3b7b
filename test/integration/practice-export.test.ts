import { randomUUID } from 'node:crypto';
import { handler as clientHistoryHandler } from '../../functions/events/record-client-history';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { recipientHash } from '../../shared/mail/message-tags';
import { dependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { claimsFor } from '../support/lambda-invoke';
import { COUPLES, createTherapist, INDIVIDUAL, ownPracticeForFile, scheduleFor, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

/*
 * GET /v1/admin/export against DynamoDB Local (issue 17): every kind of the practice's data comes
 * back, across pages, as the API shows it; none of the table's secrets or internals do; each call
 * is audited; bad cursors are 400 and a therapist is 403.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
ownPracticeForFile(clock, '2026-12-01T06:00:00Z', { verifyClientEmail: 'off', practiceName: 'Export Practice' });
const admin = claimsFor('the-admin', 'admin');

type Page = Record<string, any>;
const KINDS = ['therapists', 'schedules', 'sessionTypes', 'overrides', 'timeOff', 'bookings', 'series'] as const;

async function exportAll(limit?: number): Promise<{ pages: Page[]; all: Record<(typeof KINDS)[number], any[]> & { settings?: unknown } }> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const r = await call('exportPractice', { claims: admin, query: { ...(cursor ? { cursor } : {}), ...(limit ? { limit: String(limit) } : {}) } });
    expect(r.status).toBe(200);
    pages.push(r.json);
    cursor = r.json.nextCursor;
  } while (cursor);
  const all = Object.fromEntries(KINDS.map((k) => [k, pages.flatMap((p) => p[k])])) as Record<(typeof KINDS)[number], any[]>;
  return { pages, all: { ...all, settings: pages[0]!.settings } };
}

/** Every key at any depth of a value. */
const keysDeep = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(keysDeep) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keysDeep(v)]) : [];

let therapistId: string;
let seeded: { bookingId: string; seriesId: string; timeOffId: string; tag: string };

beforeAll(async () => {
  therapistId = await createTherapist({}, [INDIVIDUAL, COUPLES, { id: 'hidden-30', name: 'Hidden', kind: 'individual', durationMinutes: 30, modality: 'in_person', hidden: true }]);
  const me = claimsFor(therapistId);
  const tag = randomUUID().slice(0, 8);
  expect((await call('putOverride', { claims: me, body: { date: '2026-12-10', intervals: [{ start: '10:00', end: '12:00' }] } })).status).toBe(201);
  const timeOff = await call('createTimeOff', { claims: me, body: { start: '2026-12-15T00:00:00Z', end: '2026-12-16T00:00:00Z', label: 'Conference' } });
  expect(timeOff.status).toBe(201);
  const booking = await call('createBooking', {
    headers: { 'idempotency-key': `export-${tag}` },
    body: { therapistId, sessionTypeId: 'couples-80', start: '2026-12-03T10:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true, note: `note ${tag}`,
      clients: [{ name: 'Alex Export', email: `alex-${tag}@example.test`, phone: '+1 555 0100' }, { name: 'Blake Export', email: `blake-${tag}@example.test` }] },
  });
  expect(booking.status).toBe(201);
  const series = await call('createMySeries', {
    claims: me, body: { sessionTypeId: 'individual-50', start: '2026-12-04T11:00:00+01:00', timeZone: 'Europe/Berlin', clients: [{ name: 'Casey Series', email: `casey-${tag}@example.test` }], everyWeeks: 1, count: 2 },
  });
  expect(series.status).toBe(201);
  // The internals an export must never carry: claims, histories, suppressions, a calendar password, a rotated feed.
  const deps = dependencies();
  const stored = (await deps.bookings.get(booking.json.booking.id))!;
  await (notificationsHandler as LambdaHandler)(bridgeEvent(eventsForBookingChange(undefined, stored)[0]!), lambdaContext('test', 10_000));
  await (clientHistoryHandler as LambdaHandler)(bridgeEvent(eventsForBookingChange(undefined, stored)[0]!), lambdaContext('test', 10_000));
  await deps.emailFeedback.suppress(recipientHash(deps.config.manageTokenSecret, `blake-${tag}@example.test`), 'bounce', clock.now().toISOString());
  await deps.calendars.put({
    id: 'cal-1', therapistId, kind: 'caldav', url: 'https://dav.example.test/cal/', username: 'dr', passwordCiphertext: `sealed-${tag}`, writeBookings: false,
    status: 'ok', createdAt: clock.now().toISOString(), updatedAt: clock.now().toISOString(),
  });
  expect((await call('rotateCalendarFeed', { claims: me })).status).toBe(200);
  seeded = { bookingId: booking.json.booking.id, seriesId: series.json.series.id, timeOffId: timeOff.json.timeOff.id, tag };
});

test('every kind of item comes back as the API shows it, the settings once', async () => {
  const { pages, all } = await exportAll();
  const me = claimsFor(therapistId);
  const ofTherapist = <T extends { therapistId?: string }>(list: T[]) => list.filter((x) => x.therapistId === therapistId);

  expect(all.therapists).toEqual([(await call('getMe', { claims: me })).json.therapist]);
  const { timeZone: _zone, ...rules } = scheduleFor();
  expect(ofTherapist(all.schedules)).toEqual([{ therapistId, ...rules }]);
  expect(ofTherapist(all.sessionTypes).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    [COUPLES, { id: 'hidden-30', name: 'Hidden', kind: 'individual', durationMinutes: 30, modality: 'in_person', hidden: true }, INDIVIDUAL].map((t) => ({ therapistId, ...t })),
  );
  expect(ofTherapist(all.overrides)).toEqual([{ therapistId, date: '2026-12-10', intervals: [{ start: '10:00', end: '12:00' }] }]);
  expect(ofTherapist(all.timeOff)).toEqual([{ therapistId, id: seeded.timeOffId, start: '2026-12-15T00:00:00Z', end: '2026-12-16T00:00:00Z', label: 'Conference' }]);
  const deps = dependencies();
  const bookings = ofTherapist(all.bookings);
  const seriesBookings = (await deps.bookings.getSeries(seeded.seriesId))!.series.occurrences.flatMap((o) => (o.bookingId ? [o.bookingId] : []));
  expect(bookings.map((b) => b.id).sort()).toEqual([seeded.bookingId, ...seriesBookings].sort());
  for (const b of bookings) expect(b).toEqual(JSON.parse(JSON.stringify(await deps.bookings.get(b.id))));
  expect(bookings.find((b) => b.id === seeded.bookingId)).toMatchObject({ note: `note ${seeded.tag}`, clients: [{ name: 'Alex Export', phone: '+1 555 0100' }, { name: 'Blake Export' }] });
  expect(ofTherapist(all.series)).toEqual([JSON.parse(JSON.stringify((await deps.bookings.getSeries(seeded.seriesId))!.series))]);
  expect(all.settings).toEqual(JSON.parse(JSON.stringify(await deps.settings.get())));
  expect(pages.filter((p) => 'settings' in p)).toHaveLength(1);
  expect(pages.every((p) => p.format === 'practice-export.v1')).toBe(true);
});

test('no secret and no storage internal leaves, at any depth', async () => {
  const { pages } = await exportAll();
  const text = JSON.stringify(pages);
  const keys = new Set(keysDeep(pages));
  for (const internal of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'expiresAt', 'version', 'type', 'calendarFeedVersion', 'signInUsername', 'requestHash', 'passwordCiphertext', 'password', 'leaseUntil', 'sessions', 'messageId']) {
    expect([internal, keys.has(internal)]).toEqual([internal, false]);
  }
  expect(text).not.toContain(`sealed-${seeded.tag}`);
  expect(text).not.toContain('dav.example.test');
  const hashes = (await tableItems()).flatMap((i) => [String(i.PK), String(i.SK)]).filter((k) => /^(DELIVERY|SUPPRESSED|CLIENT|IDEMPOTENCY)#/.test(k));
  expect(hashes.length).toBeGreaterThan(3); // they are in the table...
  for (const k of hashes) expect(text).not.toContain(k.split('#')[1]!); // ...and nowhere in the export
});

test('paging: small pages assemble to the same export; each call is audited; a cursor not handed out is 400', async () => {
  const whole = (await exportAll()).all;
  const before = (await dependencies().audit.list('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z')).entries.filter((e) => e.action === 'practice.export').length;
  const { pages, all } = await exportAll(3);
  expect(pages.length).toBeGreaterThan(3);
  const byId = (list: any[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  for (const kind of KINDS) expect([kind, byId(all[kind])]).toEqual([kind, byId(whole[kind])]);
  expect(all.settings).toEqual(whole.settings);
  const entries = (await dependencies().audit.list('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z')).entries.filter((e) => e.action === 'practice.export');
  expect(entries.length - before).toBe(pages.length);
  expect(entries.at(-1)).toEqual({ at: clock.now().toISOString(), actor: admin.sub, action: 'practice.export', target: 'practice' });

  for (const query of <Record<string, string>[]>[{ cursor: 'not-a-cursor' }, { cursor: Buffer.from('{"PK":1}').toString('base64url') }, { limit: '0' }, { limit: '1001' }, { limit: 'ten' }]) {
    const r = await call('exportPractice', { claims: admin, query });
    expect([query, r.status, r.json.error.code]).toEqual([query, 400, 'validation_failed']);
  }
  const therapist = await call('exportPractice', { claims: claimsFor(therapistId) });
  expect([therapist.status, therapist.json.error.code]).toEqual([403, 'forbidden']);
});

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { ROUTES } from '../../infra/routes';
import type { SessionType } from '../../shared/domain/therapist';
import type { OperationId } from '../../shared/http/operations';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { claimsFor } from '../support/lambda-invoke';
import { client, createTherapist, INDIVIDUAL, ownPracticeForFile, scheduleFor, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

// The audit log's own practice: its entries are counted by scanning this file's table.
const AT = '2027-01-04T06:00:00Z'; // a Monday
const RETENTION_DAYS = 400;
const clock = new TestClock(new Date(AT));
ownPracticeForFile(clock, AT, { verifyClientEmail: 'off', auditRetentionDays: RETENTION_DAYS });

const BY_APPROVAL: SessionType = { ...INDIVIDUAL, id: 'by-approval', name: 'By approval', approval: 'always' };
const ADMIN = claimsFor('owner', 'admin');
/** Personal data the changes below carry: none of it may reach an entry. */
const PERSONAL = ['Dr. Secret Name', 'secret@example.test', 'Client 1', 'client1@example.test', 'Dentist', 'a private note', 'calendar.example.test', 'Dr. Newcomer', 'newcomer@example.test', 'Test Therapist'];

const auditItems = async () => (await tableItems()).filter((i) => i.type === 'audit');

/** The entries one call wrote, and its answer. */
async function entriesOf(operationId: OperationId, invocation: Parameters<typeof call>[1]) {
  const before = new Set((await auditItems()).map((i) => i.SK));
  const reply = await call(operationId, invocation);
  return { reply, entries: (await auditItems()).filter((i) => !before.has(i.SK)) };
}

const tuesday = (week: number, hour = 10) => DateTime.fromISO(`2027-01-05T${String(hour).padStart(2, '0')}:00`, { zone: 'Europe/Berlin' }).plus({ weeks: week }).toUTC().toISO()!;
async function book(therapistId: string, start: string, sessionTypeId = 'individual-50') {
  const r = await call('createBooking', { body: { therapistId, sessionTypeId, start, timeZone: 'Europe/Berlin', clients: [client(1)], note: 'a private note', policyAccepted: true } });
  expect(r.status).toBe(201);
  return r.json.booking as { id: string; status: string };
}

describe('every therapist and admin change writes one entry in its transaction', () => {
  test('each change: exactly one entry with its action, target and actor, and nothing personal in it', async () => {
    const t = await createTherapist({}, [INDIVIDUAL, BY_APPROVAL]);
    const me = claimsFor(t);
    const steps: Array<[OperationId, Parameters<typeof call>[1], string, string | ((json: any) => string)]> = [
      ['putSchedule', { claims: me, body: scheduleFor() }, 'schedule.replace', t],
      ['putOverride', { claims: me, body: { date: '2027-01-20', intervals: [] } }, 'override.put', `${t}/2027-01-20`],
      ['deleteOverride', { claims: me, pathParameters: { date: '2027-01-20' } }, 'override.delete', `${t}/2027-01-20`],
      ['createTimeOff', { claims: me, body: { start: '2027-01-21T00:00:00Z', end: '2027-01-22T00:00:00Z', label: 'Dentist' } }, 'timeOff.create', (j) => `${t}/${j.timeOff.id}`],
      ['createSessionType', { claims: me, body: { id: 'audit-type', name: 'Audit type', kind: 'individual', durationMinutes: 30, modality: 'telehealth' } }, 'sessionType.create', `${t}/audit-type`],
      ['updateSessionType', { claims: me, pathParameters: { id: 'audit-type' }, body: { name: 'Audit type 2', kind: 'individual', durationMinutes: 40, modality: 'telehealth' } }, 'sessionType.update', `${t}/audit-type`],
      ['deleteSessionType', { claims: me, pathParameters: { id: 'audit-type' } }, 'sessionType.delete', `${t}/audit-type`],
      ['putMe', { claims: me, body: { displayName: 'Dr. Secret Name', email: 'secret@example.test' } }, 'profile.update', t],
      ['rotateCalendarFeed', { claims: me }, 'calendarFeed.rotate', t],
      ['createMyCalendar', { claims: me, body: { kind: 'ics', url: 'https://calendar.example.test/private.ics', label: 'Dentist' } }, 'calendar.add', (j) => `${t}/${j.calendar.id}`],
      ['putSettings', { claims: ADMIN, body: { lateCancellationMode: 'flag' } }, 'settings.update', 'settings'],
      ['createTherapist', { claims: ADMIN, body: { id: `${t}-new`, displayName: 'Dr. Newcomer', email: 'newcomer@example.test', timeZone: 'UTC' } }, 'therapist.create', `${t}-new`],
      ['updateTherapist', { claims: ADMIN, pathParameters: { therapistId: `${t}-new` }, body: { displayName: 'Dr. Newcomer', email: 'newcomer@example.test', timeZone: 'UTC', bio: 'Dentist' } }, 'therapist.update', `${t}-new`],
      ['deactivateTherapist', { claims: ADMIN, pathParameters: { therapistId: `${t}-new` } }, 'therapist.deactivate', `${t}-new`],
    ];
    const timeOff: string[] = [];
    const calendars: string[] = [];
    for (const [operationId, invocation, action, target] of steps) {
      const { reply, entries } = await entriesOf(operationId, invocation);
      expect([operationId, reply.status < 300]).toEqual([operationId, true]);
      if (operationId === 'createTimeOff') timeOff.push(reply.json.timeOff.id);
      if (operationId === 'createMyCalendar') calendars.push(reply.json.calendar.id);
      const expected = typeof target === 'function' ? target(reply.json) : target;
      expect(entries.map((e) => ({ action: e.action, target: e.target, actor: e.actor }))).toEqual([{ action, target: expected, actor: invocation!.claims!.sub }]);
    }
    const more = [
      ['deleteTimeOff', { claims: me, pathParameters: { id: timeOff[0]! } }, 'timeOff.delete', `${t}/${timeOff[0]}`],
      ['deleteMyCalendar', { claims: me, pathParameters: { id: calendars[0]! } }, 'calendar.remove', `${t}/${calendars[0]}`],
    ] as const;
    for (const [operationId, invocation, action, target] of more) {
      const { reply, entries } = await entriesOf(operationId, invocation);
      expect([operationId, reply.status]).toEqual([operationId, 204]);
      expect(entries.map((e) => [e.action, e.target, e.actor])).toEqual([[action, target, me.sub]]);
    }

    // A client's booking is not audited; the therapist's cancellation, approval and decline are.
    const booked = await entriesOf('createBooking', { body: { therapistId: t, sessionTypeId: 'individual-50', start: tuesday(0), timeZone: 'Europe/Berlin', clients: [client(1)], note: 'a private note', policyAccepted: true } });
    expect(booked.reply.status).toBe(201);
    expect(booked.entries).toEqual([]);
    const cancelled = await entriesOf('cancelMyBooking', { claims: me, pathParameters: { bookingId: booked.reply.json.booking.id }, body: { reason: 'a private note' } });
    expect(cancelled.reply.status).toBe(200);
    expect(cancelled.entries.map((e) => [e.action, e.target, e.actor])).toEqual([['booking.cancelByTherapist', booked.reply.json.booking.id, me.sub]]);
    const first = await book(t, tuesday(0, 11), BY_APPROVAL.id);
    const second = await book(t, tuesday(0, 14), BY_APPROVAL.id);
    expect([first.status, second.status]).toEqual(['requested', 'requested']);
    const approved = await entriesOf('approveMyBooking', { claims: me, pathParameters: { bookingId: first.id } });
    expect(approved.entries.map((e) => [e.action, e.target, e.actor])).toEqual([['booking.approve', first.id, me.sub]]);
    const declined = await entriesOf('declineMyBooking', { claims: me, pathParameters: { bookingId: second.id }, body: { reason: 'a private note' } });
    expect(declined.entries.map((e) => [e.action, e.target, e.actor])).toEqual([['booking.decline', second.id, me.sub]]);

    // A series: its creation (many bookings, one entry), its move and its end.
    const created = await entriesOf('createMySeries', {
      claims: me, body: { sessionTypeId: 'individual-50', start: tuesday(1, 15), timeZone: 'Europe/Berlin', clients: [client(1)], everyWeeks: 1, count: 3, note: 'a private note' },
    });
    expect(created.reply.status).toBe(201);
    const seriesId = created.reply.json.series.id as string;
    expect(created.entries.map((e) => [e.action, e.target, e.actor])).toEqual([['series.create', seriesId, me.sub]]);
    const moved = await entriesOf('rescheduleMySeries', { claims: me, pathParameters: { id: seriesId }, body: { from: '2027-01-12', start: tuesday(1, 16) } });
    expect(moved.reply.status).toBe(200);
    expect(moved.entries.map((e) => [e.action, e.target])).toEqual([['series.change', seriesId]]);
    const ended = await entriesOf('endMySeries', { claims: me, pathParameters: { id: seriesId }, body: { from: '2027-01-19' } });
    expect(ended.reply.status).toBe(200);
    expect(ended.entries.map((e) => [e.action, e.target])).toEqual([['series.end', seriesId]]);

    // Who, what, which id, when, its partition and expiry: nothing else, nothing personal.
    for (const item of await auditItems()) {
      expect(Object.keys(item).sort()).toEqual(['PK', 'SK', 'action', 'actor', 'at', 'expiresAt', 'target', 'type']);
      for (const word of PERSONAL) expect([item.action, JSON.stringify(item).includes(word)]).toEqual([item.action, false]);
    }
  });

  test('a skipped week placed by hand is a series.change; a therapist whose sign-in fails is added and undone, both recorded', async () => {
    const t = await createTherapist();
    const me = claimsFor(t);
    await book(t, tuesday(2)); // takes the third Tuesday: that week is skipped
    const created = await call('createMySeries', { claims: me, body: { sessionTypeId: 'individual-50', start: tuesday(0), timeZone: 'Europe/Berlin', clients: [client(2)], everyWeeks: 1, count: 4 } });
    expect(created.json.series.occurrences[2].status).toBe('skipped');
    const wednesday = DateTime.fromISO('2027-01-20T14:00', { zone: 'Europe/Berlin' }).toUTC().toISO()!;
    const placed = await entriesOf('placeMySeriesOccurrence', { claims: me, pathParameters: { id: created.json.series.id, index: '2' }, body: { start: wednesday } });
    expect(placed.reply.status).toBe(200);
    expect(placed.entries.map((e) => [e.action, e.target, e.actor])).toEqual([['series.change', created.json.series.id, me.sub]]);

    const identity = dependencies().identity;
    overrideDependencies({ identity: { ...identity, createTherapistUser: () => Promise.reject(new Error('the user pool is down')) } });
    try {
      const { reply, entries } = await entriesOf('createTherapist', { claims: ADMIN, body: { id: `${t}-fails`, displayName: 'Dr. Newcomer', email: 'newcomer@example.test', timeZone: 'UTC' } });
      expect(reply.status).toBe(500);
      expect((await tableItems()).some((i) => i.type === 'therapist' && i.id === `${t}-fails`)).toBe(false);
      expect(entries.map((e) => [e.action, e.target]).sort()).toEqual([['therapist.create', `${t}-fails`], ['therapist.createUndone', `${t}-fails`]]);
    } finally {
      overrideDependencies({ identity });
    }
  });

  test('the entry is kept for the practice\'s retention: its TTL is its instant plus auditRetentionDays', async () => {
    const t = await createTherapist();
    clock.set('2027-01-06T08:30:15.250Z');
    const { entries } = await entriesOf('putOverride', { claims: claimsFor(t), body: { date: '2027-01-25', intervals: [] } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.at).toBe('2027-01-06T08:30:15.250Z');
    expect(entries[0]!.PK).toBe('AUDIT#2027-01');
    expect(entries[0]!.expiresAt).toBe(Math.floor(Date.parse('2027-01-06T08:30:15.250Z') / 1000) + RETENTION_DAYS * 86_400);
  });
});

describe('a change that fails or changes nothing writes no entry', () => {
  test('a refused condition, a validation error, a conflict, another therapist\'s item, an unchanged answer', async () => {
    const t = await createTherapist();
    const other = await createTherapist();
    const me = claimsFor(t);
    const otherTimeOff = (await call('createTimeOff', { claims: claimsFor(other), body: { start: '2027-01-21T00:00:00Z', end: '2027-01-22T00:00:00Z' } })).json.timeOff.id;
    await call('createSessionType', { claims: me, body: { id: 'taken', name: 'Taken', kind: 'individual', durationMinutes: 30, modality: 'telehealth' } });
    const booking = await book(t, tuesday(0));
    await call('cancelMyBooking', { claims: me, pathParameters: { bookingId: booking.id }, body: {} });
    const attempts: Array<[OperationId, Parameters<typeof call>[1], number]> = [
      ['deleteOverride', { claims: me, pathParameters: { date: '2027-02-01' } }, 404],
      ['putOverride', { claims: me, body: { date: '2027-02-30', intervals: [] } }, 400],
      ['putSchedule', { claims: me, body: { ...scheduleFor(), slotIntervalMinutes: -5 } }, 400],
      ['createSessionType', { claims: me, body: { id: 'taken', name: 'Again', kind: 'individual', durationMinutes: 30, modality: 'telehealth' } }, 409],
      ['deleteTimeOff', { claims: me, pathParameters: { id: otherTimeOff } }, 404],
      ['deleteMyCalendar', { claims: me, pathParameters: { id: '00000000-0000-4000-8000-000000000000' } }, 404],
      ['updateTherapist', { claims: ADMIN, pathParameters: { therapistId: 'nobody-here' }, body: { displayName: 'X', email: 'x@example.test', timeZone: 'UTC' } }, 404],
      ['putSettings', { claims: ADMIN, body: { auditRetentionDays: 1 } }, 400],
      ['putSettings', { claims: me, body: { lateCancellationMode: 'refuse' } }, 403],
      ['cancelMyBooking', { claims: me, pathParameters: { bookingId: booking.id }, body: {} }, 200], // already cancelled: answered unchanged
    ];
    for (const [operationId, invocation, status] of attempts) {
      const { reply, entries } = await entriesOf(operationId, invocation);
      expect([operationId, reply.status, entries]).toEqual([operationId, status, []]);
    }
  });
});

describe('a transaction conflict (simulated: DynamoDB Local never raises one)', () => {
  let real: DynamoDBDocumentClient;
  let conflicts = 0;
  beforeEach(() => {
    real = dependencies().db;
    const faulty = {
      send: (command: unknown) => {
        if (command instanceof TransactWriteCommand && conflicts > 0) {
          conflicts--;
          const reasons = (command.input.TransactItems ?? []).map((_, i, all) => ({ Code: i === all.length - 1 ? 'TransactionConflict' : 'None' }));
          return Promise.reject(new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons }));
        }
        return real.send(command as never);
      },
    };
    overrideDependencies({ db: faulty as unknown as DynamoDBDocumentClient });
  });
  afterEach(() => overrideDependencies({ db: real }));

  test('on a single write: 429 with Retry-After, and neither the change nor its entry is there', async () => {
    const t = await createTherapist();
    conflicts = 1;
    const before = await tableItems();
    const { reply, entries } = await entriesOf('putOverride', { claims: claimsFor(t), body: { date: '2027-02-03', intervals: [] } });
    expect(reply.status).toBe(429);
    expect(reply.json.error.code).toBe('rate_limited');
    expect(reply.headers['retry-after']).toBe('1');
    expect(entries).toEqual([]);
    expect(await tableItems()).toEqual(before);
  });

  test('on a booking commit: retried on fresh reads, then the cancellation and one entry are written', async () => {
    const t = await createTherapist();
    const booking = await book(t, tuesday(0, 12));
    conflicts = 1;
    const { reply, entries } = await entriesOf('cancelMyBooking', { claims: claimsFor(t), pathParameters: { bookingId: booking.id }, body: {} });
    expect(reply.status).toBe(200);
    expect(conflicts).toBe(0);
    expect(entries.map((e) => [e.action, e.target])).toEqual([['booking.cancelByTherapist', booking.id]]);
  });
});

describe('GET /v1/admin/audit', () => {
  const read = (query: Record<string, string>, claims = ADMIN) => call('listAuditEntries', { claims, query });

  /** One change at each instant, oldest first. Each test uses a year of its own: the file's tests share a table. */
  async function changesAt(therapistId: string, instants: string[]) {
    for (const [i, at] of instants.entries()) {
      clock.set(at);
      expect((await call('putOverride', { claims: claimsFor(therapistId), body: { date: `${at.slice(0, 4)}-12-${String(i + 1).padStart(2, '0')}`, intervals: [] } })).status).toBeLessThan(300);
    }
  }
  const PAGING = ['03-10T10:00:00.000Z', '04-05T10:00:00.000Z', '04-05T11:00:00.000Z', '05-20T09:00:00.000Z', '05-31T23:59:59.999Z'];
  const inYear = (year: number, instants: string[]) => instants.map((i) => `${year}-${i}`);

  test('newest first across month partitions, a page at a time, every entry once', async () => {
    const t = await createTherapist();
    await changesAt(t, inYear(2027, PAGING));
    clock.set('2027-06-02T00:00:00Z');
    for (const limit of ['1', '2', '3', '1000']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const r = await read({ from: '2027-03-01', to: '2027-05-31', limit, ...(cursor ? { cursor } : {}) });
        expect(r.status).toBe(200);
        expect(r.json.entries.length).toBeLessThanOrEqual(Number(limit));
        for (const e of r.json.entries) expect(Object.keys(e).sort()).toEqual(['action', 'actor', 'at', 'target']);
        seen.push(...r.json.entries.map((e: { at: string }) => e.at));
        cursor = r.json.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect([limit, seen]).toEqual([limit, inYear(2027, PAGING).reverse()]);
    }
  });

  test('the range: instants, dates (the `to` date whole), the 30-day default; `to` is exclusive', async () => {
    const t = await createTherapist();
    await changesAt(t, inYear(2028, PAGING));
    clock.set('2028-06-02T00:00:00Z');
    const ats = async (query: Record<string, string>) => ((await read(query)).json.entries as { at: string }[]).map((e) => e.at);
    expect(await ats({ from: '2028-04-05T10:00:00Z', to: '2028-04-05T11:00:00Z' })).toEqual(['2028-04-05T10:00:00.000Z']);
    expect(await ats({ from: '2028-04-05T12:00:00+02:00', to: '2028-04-05T13:00:01+02:00' })).toEqual(['2028-04-05T11:00:00.000Z', '2028-04-05T10:00:00.000Z']);
    expect(await ats({ from: '2028-05-31', to: '2028-05-31' })).toEqual(['2028-05-31T23:59:59.999Z']);
    expect(await ats({})).toEqual(['2028-05-31T23:59:59.999Z', '2028-05-20T09:00:00.000Z']); // since 2028-05-03
  });

  test('entries past their retention are left out, though TTL has not removed them yet', async () => {
    const t = await createTherapist();
    await changesAt(t, ['2029-03-10T10:00:00.000Z', '2029-06-05T10:00:00.000Z']);
    clock.set('2030-04-20T00:00:00Z'); // 400 days: the March entry expired on 2030-04-14, the June one is kept until 2030-07-10
    expect((await auditItems()).some((i) => i.at === '2029-03-10T10:00:00.000Z')).toBe(true);
    const r = await read({ from: '2029-03-01', to: '2030-04-01' });
    expect(r.json.entries.map((e: { at: string }) => e.at)).toEqual(['2029-06-05T10:00:00.000Z']);
  });

  test('bad queries are 400 validation_failed; a therapist is 403; no route can change an entry', async () => {
    const foreignCursor = Buffer.from(JSON.stringify({ month: '2026-01' })).toString('base64url');
    for (const [query, path] of [
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2027-13-01' }, 'to'],
      [{ from: '2027-05-01', to: '2027-04-01' }, 'to'],
      [{ from: '2027-05-01T10:00:00Z', to: '2027-05-01T10:00:00Z' }, 'to'],
      [{ from: '2026-01-01', to: '2027-02-05' }, 'from'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '1001' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ cursor: 'bad cursor!' }, 'cursor'],
      [{ from: '2027-03-01', to: '2027-05-31', cursor: foreignCursor }, 'cursor'],
    ] as const) {
      const r = await read(query);
      expect([query, r.status, r.json.error.code]).toEqual([query, 400, 'validation_failed']);
      expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect((await read({ from: '2026-01-01', to: '2027-02-01' })).status).toBe(200); // 397 days: the most
    const t = await createTherapist();
    const asTherapist = await read({}, claimsFor(t));
    expect([asTherapist.status, asTherapist.json.error.code]).toEqual([403, 'forbidden']);
    expect((await call('listAuditEntries', {})).status).toBe(401);
    expect(ROUTES.filter((r) => r.path.startsWith('/v1/admin/audit')).map((r) => r.method)).toEqual(['GET']);
  });
});

import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { handler as clientHistoryHandler } from '../../functions/events/record-client-history';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { handler as reminderHandler } from '../../functions/events/send-reminder';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { clientHash } from '../../shared/clients/client-history';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import type { DomainEventEnvelope } from '../../shared/events/event-publisher';
import { recipientHash } from '../../shared/mail/message-tags';
import { activeKey, fixedWindow, subjectHash } from '../../shared/abuse/rate-limits';
import { erasureTarget } from '../../shared/privacy/client-erasure';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { keys } from '../../shared/store/table-schema';
import { bridgeEvent } from '../support/bridge-event';
import { claimsFor } from '../support/lambda-invoke';
import { ownPracticeForFile, createTherapist, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';
import { addressedTo, storedEmails } from '../support/ses-store';

/*
 * POST /v1/admin/clients/erase against DynamoDB Local and the local SES (issue 17): the address,
 * its names, phone and notes leave every item of the table; availability and the day ledgers stay
 * exactly as they were; the erasure is audited in the transactions that make it; the address may
 * book again as a new client.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
ownPracticeForFile(clock, '2026-12-01T06:00:00Z', { verifyClientEmail: 'off' });

const admin = claimsFor('the-admin', 'admin');
const deliver = async (handler: unknown, event: DomainEventEnvelope) => {
  const result = (await (handler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000))) as { batchItemFailures?: unknown[] } | undefined;
  expect(result?.batchItemFailures ?? []).toEqual([]);
};
const confirmedEvent = (booking: Booking) => eventsForBookingChange(undefined, booking)[0]!;
const FAR = new Date('2027-12-01T00:00:00Z');

async function availability(therapistId: string) {
  const of = async (sessionTypeId: string) =>
    (await call('getAvailability', { pathParameters: { therapistId }, query: { sessionTypeId, from: '2026-12-01', to: '2026-12-20', timeZone: 'Europe/Berlin' } })).json;
  return [await of('individual-50'), await of('couples-80')];
}
const ledgers = async (therapistId: string) => (await tableItems()).filter((i) => i.PK === keys.therapistPartition(therapistId) && String(i.SK).startsWith('DAY#'));
const auditEntries = async () => (await dependencies().audit.list('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z')).entries;

async function book(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const r = await call('createBooking', { body: { timeZone: 'Europe/Berlin', policyAccepted: true, ...body }, headers });
  expect(r.status).toBe(201);
  return (await dependencies().bookings.get(r.json.booking.id))!;
}

describe('erasing a client', () => {
  test('every trace of the address goes, first or second client alike; slots, ledgers and the partner stay; a second erasure finds nothing', async () => {
    const deps = dependencies();
    const therapistId = await createTherapist();
    const tag = randomUUID().slice(0, 8);
    const blake = { name: `Blake Rivers${tag}`, email: `Blake.${tag}@Example.test`, phone: `+1 555 01${tag.replace(/\D/g, '0').slice(0, 4)}` };
    const alex = { name: `Alex Morgan${tag}`, email: `alex.${tag}@example.test` };
    const note = `private note ${tag}`;
    // The address as the second client of a couples booking (with an Idempotency-Key), as the only
    // client of a past session (an existing client by now), and as the client of a standing series.
    const couples = await book({ therapistId, sessionTypeId: 'couples-80', start: '2026-12-03T10:00:00+01:00', clients: [alex, blake], note }, { 'idempotency-key': `k-${tag}` });
    const past = await book({ therapistId, sessionTypeId: 'individual-50', start: '2026-12-01T10:00:00+01:00', clients: [{ ...blake, email: blake.email.toLowerCase() }], note });
    const series = await call('createMySeries', {
      claims: claimsFor(therapistId),
      body: { sessionTypeId: 'individual-50', start: '2026-12-04T11:00:00+01:00', timeZone: 'Europe/Berlin', clients: [blake], everyWeeks: 1, count: 2, note },
    });
    expect(series.status).toBe(201);
    // The consumers leave their traces: emails and their claims, the client history.
    for (const b of [couples, past]) {
      await deliver(notificationsHandler, confirmedEvent(b));
      await deliver(clientHistoryHandler, confirmedEvent(b));
    }
    await deps.emailFeedback.suppress(recipientHash(deps.config.manageTokenSecret, blake.email), 'complaint', clock.now().toISOString());
    clock.set('2026-12-02T12:00:00Z'); // the past session has ended
    expect(await deps.clientHistory.existingClients(therapistId, [blake.email], FAR)).toEqual([true]);
    const traces = (items: Record<string, unknown>[]) => items.filter((i) => {
      const text = JSON.stringify(i).toLowerCase();
      return [blake.email.toLowerCase(), blake.name.toLowerCase(), 'rivers' + tag, blake.phone, note].some((s) => text.includes(s.toLowerCase()));
    });
    expect(traces(await tableItems()).length).toBeGreaterThan(0);
    // The abuse limits keep keyed hashes of the address too: its active bookings with the therapist
    // (written by the couples booking) and a verification-email counter of today.
    const secret0 = deps.config.manageTokenSecret;
    const verifyCounter = keys.rateCounter('verify', subjectHash(secret0, 'verify', blake.email.toLowerCase()), fixedWindow(clock.now(), 'day').window);
    await deps.db.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: deps.config.tableName, Item: { ...verifyCounter, type: 'rateCounter', count: 1 } } }] }));
    const keyed = (items: Record<string, unknown>[], key: { PK: string; SK: string }) => items.filter((i) => i.PK === key.PK && i.SK === key.SK);
    expect(keyed(await tableItems(), activeKey(secret0, therapistId, blake.email))).toHaveLength(1);
    expect(keyed(await tableItems(), activeKey(secret0, therapistId, alex.email))).toHaveLength(1);
    const availabilityBefore = await availability(therapistId);
    const ledgersBefore = await ledgers(therapistId);

    const r = await call('eraseClient', { claims: admin, body: { email: blake.email.toUpperCase() } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ erased: 4 }); // the couples booking, the past one, both occurrences of the series

    const items = await tableItems();
    expect(traces(items)).toEqual([]);
    // Nor any keyed hash of it: no client history, no suppression, no idempotency record or claim of the erased client.
    const secret = deps.config.manageTokenSecret;
    const history = keys.clientHistory(therapistId, clientHash(secret, therapistId, blake.email));
    expect(items.filter((i) => i.PK === history.PK || i.PK === keys.suppression(recipientHash(secret, blake.email)).PK)).toEqual([]);
    expect(items.filter((i) => i.type === 'idempotency' && i.bookingId === couples.id)).toEqual([]);
    expect(keyed(items, activeKey(secret, therapistId, blake.email))).toEqual([]);
    expect(keyed(items, verifyCounter)).toEqual([]);
    expect(keyed(items, activeKey(secret, therapistId, alex.email))).toHaveLength(1); // the partner's place stays counted
    const claims = items.filter((i) => i.type === 'delivery' && i.bookingId === couples.id).map((i) => i.role).sort();
    expect(claims).toEqual(['client:0', 'therapist']); // the partner's and the therapist's stay: nothing goes to them twice
    expect(await deps.clientHistory.existingClients(therapistId, [blake.email], FAR)).toEqual([false]);
    // The bookings keep their times, status and ledgers; the partner keeps their name and address.
    const after = (await deps.bookings.get(couples.id))!;
    expect(after).toMatchObject({ status: 'confirmed', start: couples.start, end: couples.end, ledgerDates: couples.ledgerDates, sequence: couples.sequence + 1 });
    expect(after.clients).toEqual([alex, { name: 'Erased client', email: '' }]);
    expect(after).not.toHaveProperty('note');
    expect(await availability(therapistId)).toEqual(availabilityBefore);
    expect(await ledgers(therapistId)).toEqual(ledgersBefore);
    // Audited, with a target that is not the address.
    const erasures = (await auditEntries()).filter((e) => e.action === 'clients.erase');
    expect(erasures).toEqual([{ at: clock.now().toISOString(), actor: admin.sub, action: 'clients.erase', target: erasureTarget(secret, blake.email) }]);
    expect(JSON.stringify(erasures).toLowerCase()).not.toContain(tag);

    // A reminder of the booking reaches the partner and nobody at the erased address.
    await deliver(reminderHandler, {
      id: `reminder-${tag}`, type: 'reminder.due', version: 1, occurredAt: '2026-12-02T09:00:00Z',
      data: { bookingId: couples.id, therapistId, offsetMinutes: 1440, start: couples.start, dueAt: '2026-12-02T09:00:00.000Z' },
    } as DomainEventEnvelope);
    const mail = await storedEmails();
    expect(addressedTo(mail, alex.email).map((m) => m.subject)).toContain('Appointment reminder');
    expect(addressedTo(mail, blake.email).map((m) => m.subject)).not.toContain('Appointment reminder');
    // Nor to an empty address (SES in AWS refuses one, and the event would be retried until it dead-letters).
    expect(mail.filter((m) => m.destination.to.length === 0 || m.destination.to.some((t) => !/@/.test(t))).map((m) => m.destination.to)).toEqual([]);

    // The same address again, or one never seen: nothing left to erase, still audited.
    expect((await call('eraseClient', { claims: admin, body: { email: blake.email } })).json).toEqual({ erased: 0 });
    expect((await call('eraseClient', { claims: admin, body: { email: `nobody-${tag}@example.test` } })).json).toEqual({ erased: 0 });
    expect((await auditEntries()).filter((e) => e.action === 'clients.erase')).toHaveLength(3);

    // The address books again, as a new client.
    const again = await book({ therapistId, sessionTypeId: 'individual-50', start: '2026-12-08T10:00:00+01:00', clients: [blake] });
    expect(again.clients[0]).toEqual(blake);
    expect(await deps.clientHistory.existingClients(therapistId, [blake.email], FAR)).toEqual([false]);
  });

  test('more than 99 writes go in several transactions, each with its own entry', async () => {
    const therapistId = await createTherapist({ bufferMinutes: 0, slotIntervalMinutes: 60, weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '08:00', end: '20:00' }]])) as never });
    const email = `many-${randomUUID().slice(0, 8)}@example.test`;
    const starts: string[] = [];
    for (let day = 3; starts.length < 100; day++) for (let hour = 8; hour < 20 && starts.length < 100; hour++) starts.push(`2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+01:00`);
    for (const start of starts) await book({ therapistId, sessionTypeId: 'individual-50', start, clients: [{ name: 'Many Times', email }] });
    const before = (await auditEntries()).length;
    const r = await call('eraseClient', { claims: admin, body: { email } });
    expect(r.json).toEqual({ erased: 100 });
    // 100 bookings + their client histories under every therapist of the table + the suppression: two transactions at least.
    expect((await auditEntries()).length - before).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(await tableItems())).not.toContain(email);
  });

  test('a booking changed between the scan and the write is erased on the next pass; a change that never stops leaves everything and no entry', async () => {
    const deps = dependencies();
    const therapistId = await createTherapist();
    const email = `racing-${randomUUID().slice(0, 8)}@example.test`;
    const booking = await book({ therapistId, sessionTypeId: 'individual-50', start: '2026-12-05T10:00:00+01:00', clients: [{ name: 'Racing Client', email }] });
    // Before each transaction of the erasure, a real write moves the booking's sequence on (as a
    // reschedule would), so DynamoDB Local refuses the transaction's condition.
    const real = deps.db;
    let races = 0;
    let racesLeft = 1;
    let racingId = booking.id;
    const racing = {
      send: async (command: unknown) => {
        if (command instanceof TransactWriteCommand && racesLeft > 0 && JSON.stringify(command.input).includes(racingId)) {
          racesLeft--;
          races++;
          await real.send(new UpdateCommand({ TableName: deps.config.tableName, Key: keys.booking(racingId), UpdateExpression: 'SET #s = #s + :one', ExpressionAttributeNames: { '#s': 'sequence' }, ExpressionAttributeValues: { ':one': 1 } }));
        }
        return real.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    overrideDependencies({ db: racing, config: deps.config, clock });
    const before = (await auditEntries()).filter((e) => e.action === 'clients.erase').length;
    try {
      expect((await call('eraseClient', { claims: admin, body: { email } })).json).toEqual({ erased: 1 });
      expect(races).toBe(1);
      expect((await auditEntries()).filter((e) => e.action === 'clients.erase').length - before).toBe(1);
      expect((await deps.bookings.get(booking.id))!.clients).toEqual([{ name: 'Erased client', email: '' }]);

      const other = await book({ therapistId, sessionTypeId: 'individual-50', start: '2026-12-06T10:00:00+01:00', clients: [{ name: 'Racing Client', email }] });
      racingId = other.id;
      racesLeft = Infinity;
      const itemsBefore = await tableItems();
      const entriesBefore = await auditEntries();
      const failed = await call('eraseClient', { claims: admin, body: { email } });
      expect(failed.status).toBe(500);
      const changed = (await deps.bookings.get(other.id))!;
      expect(changed.clients).toEqual([{ name: 'Racing Client', email }]);
      expect(await auditEntries()).toEqual(entriesBefore);
      // Only the racing writes' sequence moved; nothing of the erasure was written.
      const strip = (items: Record<string, unknown>[]) => items.filter((i) => !(i.PK === keys.booking(other.id).PK && i.SK === 'BOOKING'));
      expect(strip(await tableItems())).toEqual(strip(itemsBefore));
    } finally {
      overrideDependencies({ db: real });
    }
  });

  test('bad input is 400 and a therapist is 403, and neither changes anything', async () => {
    const therapistId = await createTherapist();
    const before = await tableItems();
    for (const body of [{}, { email: 'not an address' }, { email: '' }, { email: 42 }, { email: `${'a'.repeat(250)}@example.test` }]) {
      const r = await call('eraseClient', { claims: admin, body });
      expect([JSON.stringify(body), r.status, r.json.error.code]).toEqual([JSON.stringify(body), 400, 'validation_failed']);
      expect(r.json.error.fields.map((f: { path: string }) => f.path)).toEqual(['email']);
    }
    const therapist = await call('eraseClient', { claims: claimsFor(therapistId), body: { email: 'someone@example.test' } });
    expect([therapist.status, therapist.json.error.code]).toEqual([403, 'forbidden']);
    expect(await tableItems()).toEqual(before);
  });
});

import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { EVENT_CONTRACTS } from '../../../events/booking-events';
import type { Booking } from '../../../shared/domain/booking';
import { eventsForBookingChange } from '../../../shared/events/booking-change-events';
import type { DomainEventEnvelope } from '../../../shared/events/event-publisher';
import { publishStreamRecords } from '../../../shared/events/stream-publisher';

const booking: Booking = {
  id: '63061641-b304-4c93-a2cc-41869b865588', status: 'confirmed', therapistId: 'demo', sessionTypeId: 'couples-80',
  start: '2026-12-02T14:00:00.000Z', end: '2026-12-02T15:20:00.000Z', timeZone: 'Europe/Berlin', therapistTimeZone: 'America/New_York',
  blockedUntil: '2026-12-02T15:30:00.000Z', ledgerDates: ['2026-12-02'],
  clients: [{ name: 'Alex Morgan', email: 'alex@example.test' }, { name: 'Blake Rivers', email: 'blake@example.test' }],
  note: 'private', createdAt: '2026-12-01T12:00:00.000Z', updatedAt: '2026-12-01T12:00:00.000Z', sequence: 0,
};
const moved: Booking = { ...booking, start: '2026-12-03T15:00:00.000Z', end: '2026-12-03T16:20:00.000Z', sequence: 1, updatedAt: '2026-12-01T13:00:00.000Z' };
const cancelled: Booking = { ...moved, status: 'cancelled', sequence: 2, cancelledAt: '2026-12-02T09:00:00.000Z', cancelledBy: 'client', lateCancellation: true };

test('a new booking is confirmed; a moved one rescheduled; a cancelled one cancelled', () => {
  const [confirmed] = eventsForBookingChange(undefined, booking);
  expect(confirmed).toMatchObject({ type: 'booking.confirmed', version: 1, occurredAt: booking.createdAt, data: { bookingId: booking.id, sequence: 0 } });
  const [rescheduled] = eventsForBookingChange(booking, moved);
  expect(rescheduled).toMatchObject({ type: 'booking.rescheduled', data: { previousStart: booking.start, start: moved.start, sequence: 1 } });
  const [gone] = eventsForBookingChange(moved, cancelled);
  expect(gone).toMatchObject({ type: 'booking.cancelled', occurredAt: cancelled.cancelledAt, data: { lateCancellation: true, cancelledBy: 'client', sequence: 2 } });
  for (const event of [confirmed!, rescheduled!, gone!]) {
    expect(EVENT_CONTRACTS[event.type].safeParse(event).success).toBe(true);
    expect(JSON.stringify(event)).not.toMatch(/Alex|Blake|example\.test|private/);
  }
});

test('the same change always has the same event id; different changes different ones', () => {
  expect(eventsForBookingChange(undefined, booking)[0]!.id).toBe(eventsForBookingChange(undefined, booking)[0]!.id);
  const ids = [eventsForBookingChange(undefined, booking), eventsForBookingChange(booking, moved), eventsForBookingChange(moved, cancelled)].map((e) => e[0]!.id);
  expect(new Set(ids).size).toBe(3);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('changes that mean nothing publish nothing', () => {
  expect(eventsForBookingChange(booking, undefined)).toEqual([]); // TTL removal
  expect(eventsForBookingChange(booking, { ...booking })).toEqual([]); // same version
  expect(eventsForBookingChange(cancelled, { ...cancelled, sequence: 3 })).toEqual([]); // cancelled stays cancelled
  expect(eventsForBookingChange(undefined, cancelled)).toEqual([]);
});

const record = (seq: string, oldImage?: object, newImage?: object): DynamoDBRecord => ({
  eventID: `e${seq}`, eventName: oldImage ? 'MODIFY' : 'INSERT', eventSource: 'aws:dynamodb',
  dynamodb: {
    SequenceNumber: seq,
    ...(oldImage ? { OldImage: marshall(oldImage, { removeUndefinedValues: true }) as never } : {}),
    ...(newImage ? { NewImage: marshall(newImage, { removeUndefinedValues: true }) as never } : {}),
  },
});
const item = (b: Booking) => ({ PK: `BOOKING#${b.id}`, SK: 'BOOKING', type: 'booking', GSI1PK: 'x', expiresAt: 1, ...b });

test('the stream publisher publishes in order and reports the first failure so the rest are retried', async () => {
  const published: DomainEventEnvelope[] = [];
  let fail = false;
  const bus = { publish: async (events: DomainEventEnvelope[]) => { if (fail && events[0]!.type === 'booking.cancelled') throw new Error('bus down'); published.push(...events); } };
  const records = [
    record('100', undefined, item(booking)),
    record('101', undefined, { PK: 'THERAPIST#demo', SK: 'DAY#2026-12-02', type: 'day', version: 1 }),
    record('102', item(booking), item(moved)),
    record('103', item(moved), item(cancelled)),
  ];
  expect(await publishStreamRecords(bus, records)).toEqual({ batchItemFailures: [] });
  expect(published.map((e) => e.type)).toEqual(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled']);
  published.length = 0;
  fail = true;
  expect(await publishStreamRecords(bus, [...records, record('104', undefined, item({ ...booking, id: 'other' }))])).toEqual({ batchItemFailures: [{ itemIdentifier: '103' }] });
  expect(published.map((e) => e.type)).toEqual(['booking.confirmed', 'booking.rescheduled']); // 104 was not reached
});

test('an item the publisher does not read never holds the stream back, even one unmarshall refuses', async () => {
  // DynamoDB Local's stream, read through the SDK, gives a map emptied by REMOVE as `{}` (no type):
  // a client history whose last session was forgotten. Before, the publisher unmarshalled every
  // image, failed on that one for ever, and no later booking's event was published.
  const published: DomainEventEnvelope[] = [];
  const bus = { publish: async (events: DomainEventEnvelope[]) => { published.push(...events); } };
  const emptied = { PK: { S: 'CLIENT#abc' }, SK: { S: 'THERAPIST#demo' }, type: { S: 'clientHistory' }, sessions: {} };
  const history: DynamoDBRecord = { eventID: 'e200', eventName: 'MODIFY', eventSource: 'aws:dynamodb', dynamodb: { SequenceNumber: '200', NewImage: emptied as never, OldImage: emptied as never } };
  expect(await publishStreamRecords(bus, [history, record('201', undefined, item(booking))])).toEqual({ batchItemFailures: [] });
  expect(published.map((e) => e.type)).toEqual(['booking.confirmed']);
});

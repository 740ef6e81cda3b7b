import { EVENT_CONTRACTS } from '../../../events/booking-events';
import type { Booking, BookingStatus } from '../../../shared/domain/booking';
import { eventsForBookingChange } from '../../../shared/events/booking-change-events';
import { standingOf } from '../../../shared/events/event-standing';

/** A couples booking in each status it can take, carrying every private field an event must not. */
const base: Booking = {
  id: 'b-hold-1', status: 'confirmed', therapistId: 'demo', sessionTypeId: 'couples-80',
  start: '2026-12-02T14:00:00.000Z', end: '2026-12-02T15:20:00.000Z', timeZone: 'Europe/Berlin', therapistTimeZone: 'Europe/Berlin',
  blockedUntil: '2026-12-02T15:30:00.000Z', ledgerDates: ['2026-12-02'],
  clients: [{ name: 'Alex Morgan', email: 'alex@example.test' }, { name: 'Blake Rivers', email: 'blake@example.test' }],
  note: 'private-note', createdAt: '2026-12-01T12:00:00.000Z', updatedAt: '2026-12-01T12:00:00.000Z', sequence: 0,
};
function inStatus(status: BookingStatus, sequence: number): Booking {
  const b: Booking = { ...base, status, sequence, updatedAt: `2026-12-01T12:0${sequence}:00.000Z` };
  if (status === 'pending_verification') Object.assign(b, { holdUntil: '2026-12-01T12:30:00.000Z', verified: [false, false] });
  if (status === 'requested') Object.assign(b, { holdUntil: '2026-12-03T12:00:00.000Z', verified: [true, true], verifiedAt: '2026-12-01T12:05:00.000Z' });
  if (status === 'confirmed' && sequence > 0) Object.assign(b, { verified: [true, true], verifiedAt: '2026-12-01T12:05:00.000Z' });
  if (status === 'declined') Object.assign(b, { declinedAt: '2026-12-01T13:00:00.000Z', declinedBy: 'therapist', declineReason: 'private-reason' });
  if (status === 'expired') Object.assign(b, { expiredAt: '2026-12-01T12:30:00.000Z' });
  if (status === 'cancelled') Object.assign(b, { cancelledAt: '2026-12-01T14:00:00.000Z', cancelledBy: 'client', cancelReason: 'private-reason' });
  return b;
}

const STATUSES: BookingStatus[] = ['pending_verification', 'requested', 'confirmed', 'declined', 'expired', 'cancelled'];
/** Every pair that means an event; every other pair (of all 6 × 6 and the 6 creations) means none. */
const EXPECTED: Record<string, string> = {
  'new→pending_verification': 'booking.verification_requested',
  'new→requested': 'booking.requested',
  'new→confirmed': 'booking.confirmed',
  'pending_verification→requested': 'booking.requested',
  'pending_verification→confirmed': 'booking.confirmed',
  'pending_verification→declined': 'booking.declined',
  'pending_verification→expired': 'booking.expired',
  'requested→confirmed': 'booking.confirmed',
  'requested→declined': 'booking.declined',
  'requested→expired': 'booking.expired',
  'requested→cancelled': 'booking.cancelled',
  'confirmed→cancelled': 'booking.cancelled',
};
const pairs = [
  ...STATUSES.map((after) => ({ from: 'new', after })),
  ...STATUSES.flatMap((from) => STATUSES.map((after) => ({ from, after }))),
];

test.each(pairs)('$from → $after', ({ from, after }) => {
  const before = from === 'new' ? undefined : inStatus(from as BookingStatus, 1);
  const image = inStatus(after, before ? 2 : 0);
  const events = eventsForBookingChange(before, image);
  const expected = EXPECTED[`${from}→${after}`];
  expect(events.map((e) => e.type)).toEqual(expected ? [expected] : []);
  for (const event of events) {
    expect(EVENT_CONTRACTS[event.type].safeParse(event).success).toBe(true);
    expect(event.data.sequence).toBe(image.sequence);
    expect(JSON.stringify(event)).not.toMatch(/Alex|Blake|example\.test|private/);
    // The event is current against the very image that made it: consumers act on it.
    expect(standingOf(event, image)).toBe('current');
  }
});

test('the hold events say what their consumers need: the hold end, who declined, what expired, what was withdrawn', () => {
  const [asked] = eventsForBookingChange(undefined, inStatus('pending_verification', 0));
  expect(asked).toMatchObject({ occurredAt: base.createdAt, data: { holdUntil: '2026-12-01T12:30:00.000Z' } });
  const [requested] = eventsForBookingChange(inStatus('pending_verification', 1), inStatus('requested', 2));
  expect(requested).toMatchObject({ occurredAt: '2026-12-01T12:05:00.000Z', data: { holdUntil: '2026-12-03T12:00:00.000Z' } });
  const [refused] = eventsForBookingChange(inStatus('pending_verification', 1), { ...inStatus('declined', 2), declinedBy: 'rules', ruleRefusal: 'existing_clients_only' });
  expect(refused).toMatchObject({ occurredAt: '2026-12-01T13:00:00.000Z', data: { declinedBy: 'rules' } });
  expect(JSON.stringify(refused)).not.toContain('existing_clients_only'); // the booking says it; the bus need not
  const [lapsedVerification] = eventsForBookingChange(inStatus('pending_verification', 1), inStatus('expired', 2));
  const [lapsedRequest] = eventsForBookingChange(inStatus('requested', 1), inStatus('expired', 2));
  expect([lapsedVerification!.data, lapsedRequest!.data]).toMatchObject([{ previousStatus: 'pending_verification' }, { previousStatus: 'requested' }]);
  expect(lapsedRequest!.occurredAt).toBe('2026-12-01T12:30:00.000Z');
  const [withdrawn] = eventsForBookingChange(inStatus('requested', 1), inStatus('cancelled', 2));
  const [cancelled] = eventsForBookingChange(inStatus('confirmed', 1), inStatus('cancelled', 2));
  expect(withdrawn!.data).toMatchObject({ previousStatus: 'requested' });
  expect(cancelled!.data).not.toHaveProperty('previousStatus'); // as it was before holds existed
  const [approved] = eventsForBookingChange(inStatus('requested', 1), { ...inStatus('confirmed', 2), approvedAt: '2026-12-01T15:00:00.000Z' });
  expect(approved!.occurredAt).toBe('2026-12-01T15:00:00.000Z');
});

test('one partner verifying changes the booking but means no event; a replayed or older image means none either', () => {
  const pending = inStatus('pending_verification', 0);
  const halfVerified = { ...pending, sequence: 1, verified: [true, false] };
  expect(eventsForBookingChange(pending, halfVerified)).toEqual([]);
  expect(eventsForBookingChange(halfVerified, { ...halfVerified })).toEqual([]);
  expect(eventsForBookingChange(inStatus('requested', 2), inStatus('confirmed', 2))).toEqual([]);
  expect(eventsForBookingChange(inStatus('requested', 1), undefined)).toEqual([]);
});

test('only a confirmed booking is rescheduled; a held one that moves tells nothing until it is decided', () => {
  const moved = { start: '2026-12-04T14:00:00.000Z', end: '2026-12-04T15:20:00.000Z' };
  expect(eventsForBookingChange(inStatus('confirmed', 1), { ...inStatus('confirmed', 2), ...moved }).map((e) => e.type)).toEqual(['booking.rescheduled']);
  expect(eventsForBookingChange(inStatus('requested', 1), { ...inStatus('requested', 2), ...moved })).toEqual([]);
  // Decided and moved in one write: the decision is the news, at the new time.
  const [confirmed] = eventsForBookingChange(inStatus('requested', 1), { ...inStatus('confirmed', 2), ...moved });
  expect(confirmed).toMatchObject({ type: 'booking.confirmed', data: { start: moved.start } });
});

test('a hold written without its end is not published (its contract would refuse it on every retry)', () => {
  const { holdUntil: _gone, ...broken } = inStatus('pending_verification', 0);
  expect(eventsForBookingChange(undefined, broken as Booking)).toEqual([]);
});

test('every change of a held booking has its own event id', () => {
  const chain = [undefined, inStatus('pending_verification', 0), { ...inStatus('requested', 1) }, inStatus('confirmed', 2), inStatus('cancelled', 3)];
  const ids = chain.slice(1).map((b, i) => eventsForBookingChange(chain[i], b)[0]!.id);
  expect(new Set(ids).size).toBe(4);
  expect(eventsForBookingChange(undefined, inStatus('pending_verification', 0))[0]!.id).toBe(ids[0]);
});

test('standing: a hold event at the same sequence as a booking in another status is not current', () => {
  const [asked] = eventsForBookingChange(undefined, inStatus('pending_verification', 0));
  expect(standingOf(asked!, inStatus('confirmed', 0))).toBe('superseded');
  expect(standingOf(asked!, inStatus('pending_verification', 1))).toBe('superseded');
  const [expired] = eventsForBookingChange(inStatus('requested', 1), inStatus('expired', 2));
  expect(standingOf(expired!, inStatus('requested', 1))).toBe('ahead');
});

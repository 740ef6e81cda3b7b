import { activeKeys, claimActive, fixedWindow, liveEntries, newBookingClaims, RateLimited, subjectHash, updateActive, type ActiveItem } from '../../../shared/abuse/rate-limits';
import { botSignal } from '../../../shared/abuse/honeypot';

const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const NOW = new Date('2026-12-01T06:20:30Z');
const LIMITS = { bookingsPerSourcePerHour: 3, activeBookingsPerClient: 2, verificationEmailsPerAddressPerDay: 2 };

test('fixed windows: the clock hour and the UTC day holding now, with their ends', () => {
  expect(fixedWindow(NOW, 'hour')).toEqual({ window: '2026-12-01T06', end: new Date('2026-12-01T07:00:00Z') });
  expect(fixedWindow(NOW, 'day')).toEqual({ window: '2026-12-01', end: new Date('2026-12-02T00:00:00Z') });
  expect(fixedWindow(new Date('2026-12-01T06:59:59.999Z'), 'hour').window).toBe('2026-12-01T06');
  expect(fixedWindow(new Date('2026-12-01T07:00:00Z'), 'hour').window).toBe('2026-12-01T07');
});

test('subjects are keyed hashes: the same for the same subject and scope, different across scopes and secrets', () => {
  const a = subjectHash(SECRET, 'source', '203.0.113.9');
  expect(a).toMatch(/^[0-9a-f]{64}$/);
  expect(subjectHash(SECRET, 'source', '203.0.113.9')).toBe(a);
  expect(subjectHash(SECRET, 'verify', '203.0.113.9')).not.toBe(a);
  expect(subjectHash(`${SECRET}x`, 'source', '203.0.113.9')).not.toBe(a);
  // One address however it is typed: one active item.
  const keys = activeKeys(SECRET, { therapistId: 't1', clients: [{ name: 'A', email: 'Sam@Example.test ' }, { name: 'B', email: 'sam@example.test' }] });
  expect(keys).toHaveLength(1);
  expect(activeKeys(SECRET, { therapistId: 't1', clients: [{ name: 'A', email: 'a@x.test' }], seriesId: 's1' })).toEqual([]);
});

test('a new booking claims its source per hour and, when it sends verification emails, each unproven address per day', () => {
  const clients = [{ name: 'A', email: 'a@x.test' }, { name: 'B', email: 'A@x.test' }];
  const pending = newBookingClaims(SECRET, LIMITS, { source: '203.0.113.9', booking: { status: 'pending_verification', verified: [false, false] }, clients, now: NOW });
  expect(pending.map((c) => [c.scope, c.add, c.limit])).toEqual([['source', 1, 3], ['verify', 2, 2]]);
  const proven = newBookingClaims(SECRET, LIMITS, { source: '203.0.113.9', booking: { status: 'pending_verification', verified: [true, false] }, clients, now: NOW });
  expect(proven.map((c) => [c.scope, c.add])).toEqual([['source', 1], ['verify', 1]]);
  expect(newBookingClaims(SECRET, LIMITS, { booking: { status: 'confirmed' }, clients, now: NOW })).toEqual([]);
  // More emails than a day allows at once: refused before anything is written.
  expect(() => newBookingClaims(SECRET, { ...LIMITS, verificationEmailsPerAddressPerDay: 1 }, { booking: { status: 'pending_verification', verified: [false, false] }, clients, now: NOW }))
    .toThrow(RateLimited);
});

test('active entries count while their start is ahead and their hold lasts; the limit answers when the first stops counting', () => {
  const item: ActiveItem = {
    key: { PK: 'RATE#active#h', SK: 'WINDOW#ALL' },
    version: 3,
    entries: {
      past: { start: '2026-12-01T06:00:00Z' },
      lapsed: { start: '2026-12-05T09:00:00Z', holdUntil: '2026-12-01T06:10:00Z' },
      held: { start: '2026-12-05T10:00:00Z', holdUntil: '2026-12-01T06:50:00Z' },
      later: { start: '2026-12-03T09:00:00Z' },
    },
  };
  expect(Object.keys(liveEntries(item.entries, NOW)).sort()).toEqual(['held', 'later']);
  let refusal: RateLimited | undefined;
  try {
    claimActive([item], 'new', { start: '2026-12-04T09:00:00Z' }, 2, NOW);
  } catch (error) {
    refusal = error as RateLimited;
  }
  // The held one stops counting first: at 06:50, 29 min 30 s on.
  expect(refusal?.retryAfterSeconds).toBe(29 * 60 + 30);
  const [claim] = claimActive([item], 'new', { start: '2026-12-04T09:00:00Z' }, 3, NOW);
  expect(Object.keys(claim!.entries).sort()).toEqual(['held', 'later', 'new']);
  // Ending a booking removes it; an item that does not list a booking is left alone.
  expect(Object.keys(updateActive([item], 'later', undefined, NOW)[0]!.entries)).toEqual(['held']);
  expect(updateActive([item], 'unknown', undefined, NOW)).toEqual([]);
  expect(updateActive([item], 'held', { start: '2026-12-05T10:00:00Z' }, NOW)[0]!.entries.held).toEqual({ start: '2026-12-05T10:00:00Z' });
});

test('bot signals: a filled honeypot, a form sent under 2 s; an untimed or blank-honeypot request is not a bot', () => {
  expect(botSignal({ website: 'http://spam', formMs: 9000 })).toBe('honeypot');
  expect(botSignal({ website: '', formMs: 1999 })).toBe('too_fast');
  expect(botSignal({ website: '  ', formMs: 2000 })).toBeUndefined();
  expect(botSignal({})).toBeUndefined();
});

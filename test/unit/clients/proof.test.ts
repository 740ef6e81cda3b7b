import { provenClients } from '../../../shared/clients/proof';
import type { Booking } from '../../../shared/domain/booking';
import { issueClientManageToken, issueManageToken } from '../../../shared/tokens/manage-token';
import { issueVerifyToken } from '../../../shared/tokens/verify-token';

const secret = 'a-test-secret-that-is-long-enough-1234';
const config = { manageTokenSecret: secret, manageTokenGraceHours: 24 };
const now = new Date('2026-12-10T09:00:00Z');
const clock = { now: () => new Date(now) };

function booking(id: string, overrides: Partial<Booking> = {}): Booking {
  return {
    id, status: 'confirmed', therapistId: 't-1', sessionTypeId: 'couples-80',
    start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T11:20:00.000Z', timeZone: 'Europe/Berlin', therapistTimeZone: 'Europe/Berlin',
    blockedUntil: '2026-12-09T11:30:00.000Z', ledgerDates: ['2026-12-09'],
    clients: [{ name: 'Alex Morgan', email: 'alex@example.test' }, { name: 'Blake Rivers', email: 'Blake@Example.test' }],
    createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:05:00.000Z', sequence: 1,
    verified: [true, true], verifiedAt: '2026-12-01T09:05:00.000Z',
    ...overrides,
  };
}

function portsWith(...stored: Booking[]) {
  const byId = new Map(stored.map((b) => [b.id, b]));
  const reads: string[] = [];
  return { reads, deps: { config, clock, bookings: { get: async (id: string) => { reads.push(id); return byId.get(id); } } } };
}

const newClients = [{ name: 'Blake', email: '  blake@example.TEST ' }, { name: 'Sam', email: 'sam@example.test' }];
const bearer = (token: string) => `Bearer ${token}`;

test('the one way a token proves: m2 of a verified, live booking, for the same address (any case)', async () => {
  const { deps } = portsWith(booking('b-1'));
  expect(await provenClients(deps, bearer(issueClientManageToken(secret, 'b-1', 1)), newClients)).toEqual([true, false]);
  expect(await provenClients(deps, `bearer   ${issueClientManageToken(secret, 'b-1', 1)}`, newClients)).toEqual([true, false]);
  // A verified booking that went on to be confirmed, requested, declined, cancelled or expired still proves the address.
  for (const status of ['requested', 'declined', 'cancelled', 'expired'] as const) {
    const { deps: other } = portsWith(booking('b-1', { status }));
    expect(await provenClients(other, bearer(issueClientManageToken(secret, 'b-1', 0)), [{ name: 'A', email: 'ALEX@example.test' }])).toEqual([true]);
  }
});

describe('every other way proves nothing, without an error', () => {
  const stored = [
    booking('b-1'),
    booking('b-pending', { status: 'pending_verification', verified: [false, true], holdUntil: '2026-12-10T09:30:00.000Z' }),
    booking('b-unverified', { verified: undefined, verifiedAt: undefined }),
    booking('b-partner-unverified', { verified: [true, false] }),
    booking('b-old', { end: '2026-12-09T08:59:59.000Z' }),
  ];
  const cases: Array<[string, string | undefined]> = [
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', `Basic ${issueClientManageToken(secret, 'b-1', 1)}`],
    ['a bare token', issueClientManageToken(secret, 'b-1', 1)],
    ['two tokens', `${bearer(issueClientManageToken(secret, 'b-1', 1))} ${issueClientManageToken(secret, 'b-1', 0)}`],
    ['an m1 token (it names no client)', bearer(issueManageToken(secret, 'b-1'))],
    ['a verify token', bearer(issueVerifyToken(secret, 'b-1', 1))],
    ['a token signed with another secret', bearer(issueClientManageToken(`${secret}-other`, 'b-1', 1))],
    ['a tampered token', bearer(issueClientManageToken(secret, 'b-1', 1).slice(0, -2) + 'AA')],
    ['garbage', 'Bearer m2.x.y'],
    ['a booking that does not exist', bearer(issueClientManageToken(secret, 'b-gone', 1))],
    ['a booking still pending verification (even for the partner who verified)', bearer(issueClientManageToken(secret, 'b-pending', 1))],
    ['a booking verification did not apply to', bearer(issueClientManageToken(secret, 'b-unverified', 1))],
    ['the token of the partner who never verified', bearer(issueClientManageToken(secret, 'b-partner-unverified', 1))],
    ['a token whose link has expired (grace after the session)', bearer(issueClientManageToken(secret, 'b-old', 1))],
    ['a verified token of another address', bearer(issueClientManageToken(secret, 'b-1', 0))],
  ];
  test.each(cases)('%s', async (_name, authorization) => {
    const { deps } = portsWith(...stored);
    expect(await provenClients(deps, authorization, newClients)).toEqual([false, false]);
  });
});

test('what it reads depends on the token alone: the same reads whatever the addresses', async () => {
  const token = bearer(issueClientManageToken(secret, 'b-1', 1));
  const a = portsWith(booking('b-1'));
  const b = portsWith(booking('b-1'));
  await provenClients(a.deps, token, newClients);
  await provenClients(b.deps, token, [{ name: 'Z', email: 'nobody@example.test' }]);
  expect(a.reads).toEqual(['b-1']);
  expect(b.reads).toEqual(a.reads);
  const none = portsWith(booking('b-1'));
  await provenClients(none.deps, undefined, newClients);
  await provenClients(none.deps, bearer(issueManageToken(secret, 'b-1')), newClients);
  expect(none.reads).toEqual([]);
});

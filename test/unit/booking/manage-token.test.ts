import { createHmac } from 'node:crypto';
import { issueClientManageToken, issueManageToken, issueProvisionalManageToken, manageTokenLive, readManageGrant, readManageToken } from '../../../shared/tokens/manage-token';

const secret = 'a-test-secret-that-is-long-enough-1234';
const id = '3b0c1f8e-8d0a-4e57-9b7e-5a4f0c1d2e3f';

test('a token names its booking and only under the secret that signed it', () => {
  const token = issueManageToken(secret, id);
  expect(readManageToken(secret, token)).toBe(id);
  expect(readManageToken(`${secret}-other`, token)).toBeUndefined();
});

test('tokens of two bookings differ, and one does not open the other', () => {
  const other = '9c2d6a51-0000-4000-8000-000000000000';
  const token = issueManageToken(secret, other);
  expect(token).not.toBe(issueManageToken(secret, id));
  expect(readManageToken(secret, token)).toBe(other);
});

test('every single-character change is refused', () => {
  const token = issueManageToken(secret, id);
  const alphabet = 'ABCabc019-_.';
  for (let i = 0; i < token.length; i++) {
    for (const c of alphabet) {
      if (c === token[i]) continue;
      expect(readManageToken(secret, token.slice(0, i) + c + token.slice(i + 1))).toBeUndefined();
    }
  }
});

test('garbage is refused without throwing', () => {
  for (const junk of ['', 'm1', 'm1..', 'm1.x.y', 'x.y.z', 'm1.' + 'A'.repeat(5000) + '.x', 'm1.eA.' + 'A'.repeat(43)]) {
    expect(readManageToken(secret, junk)).toBeUndefined();
  }
});

test('a token lives until the grace period after the session ends', () => {
  const end = '2026-12-02T10:00:00Z';
  expect(manageTokenLive(end, new Date('2026-12-03T09:59:59Z'), 24)).toBe(true);
  expect(manageTokenLive(end, new Date('2026-12-03T10:00:00Z'), 24)).toBe(false);
});

describe('per-client tokens (m2)', () => {
  test('each client of a booking gets their own token, and it names that client', () => {
    const first = issueClientManageToken(secret, id, 0);
    const second = issueClientManageToken(secret, id, 1);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^m2\./);
    expect(readManageGrant(secret, first)).toEqual({ bookingId: id, client: 0 });
    expect(readManageGrant(secret, second)).toEqual({ bookingId: id, client: 1 });
    expect(readManageGrant(`${secret}-other`, second)).toBeUndefined();
    // The booking id alone still comes out for callers that need no holder.
    expect(readManageToken(secret, second)).toBe(id);
  });

  test('a token says nothing about which partner holds it, nor whether there is one', () => {
    const [a, b] = [issueClientManageToken(secret, id, 0), issueClientManageToken(secret, id, 1)];
    expect(a.length).toBe(b.length);
    expect(a.split('.').slice(0, 2)).toEqual(b.split('.').slice(0, 2));
  });

  test('a token of one booking, moved onto another booking id, opens nothing', () => {
    const other = '9c2d6a51-0000-4000-8000-000000000000';
    const [, , mac] = issueClientManageToken(secret, id, 1).split('.');
    expect(readManageGrant(secret, `m2.${Buffer.from(other).toString('base64url')}.${mac}`)).toBeUndefined();
  });

  test('a signature for a client index that no booking has is refused', () => {
    expect(() => issueClientManageToken(secret, id, 2)).toThrow();
    const mac = createHmac('sha256', secret).update(`m2.${id}.2`).digest('base64url');
    expect(readManageGrant(secret, `m2.${Buffer.from(id).toString('base64url')}.${mac}`)).toBeUndefined();
  });

  test('an m1 signature under the m2 prefix (or the reverse) is refused: the formats sign different messages', () => {
    const [, encodedId, m1Mac] = issueManageToken(secret, id).split('.');
    const [, , m2Mac] = issueClientManageToken(secret, id, 0).split('.');
    expect(readManageGrant(secret, `m2.${encodedId}.${m1Mac}`)).toBeUndefined();
    expect(readManageGrant(secret, `m1.${encodedId}.${m2Mac}`)).toBeUndefined();
  });

  test('an old m1 token keeps working and names no client', () => {
    expect(readManageGrant(secret, issueManageToken(secret, id))).toEqual({ bookingId: id });
  });

  test('every single-character change of an m2 token is refused', () => {
    const token = issueClientManageToken(secret, id, 1);
    const alphabet = 'ABCabc0129-_.';
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        expect(readManageGrant(secret, token.slice(0, i) + c + token.slice(i + 1))).toBeUndefined();
      }
    }
  });
});

test('a provisional token (the answer of an unverified booking) says so, and no signature passes under another prefix', () => {
  for (const client of [0, 1]) {
    const provisional = issueProvisionalManageToken(secret, id, client);
    expect(provisional).toMatch(/^p1\./);
    expect(readManageGrant(secret, provisional)).toEqual({ bookingId: id, client, provisional: true });
    const own = issueClientManageToken(secret, id, client);
    expect(readManageGrant(secret, own)).toEqual({ bookingId: id, client });
    // The same signature under the other prefix is nobody's token.
    expect(readManageGrant(secret, own.replace(/^m2\./, 'p1.'))).toBeUndefined();
    expect(readManageGrant(secret, provisional.replace(/^p1\./, 'm2.'))).toBeUndefined();
  }
  expect(readManageGrant(`${secret}-other`, issueProvisionalManageToken(secret, id, 0))).toBeUndefined();
});

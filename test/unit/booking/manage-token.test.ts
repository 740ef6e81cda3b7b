import { issueManageToken, manageTokenLive, readManageToken } from '../../../shared/tokens/manage-token';

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

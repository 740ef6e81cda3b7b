import { base32Decode, base32Encode, hotp, totp, totpMatches } from '../../support/totp';

/** The stand-in's TOTP is the real one: RFC 6238's own test vectors (SHA-1, 8 digits) and RFC 4648's base32. */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

test.each([
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
])('RFC 6238 appendix B, SHA-1, T=%i -> %s', (seconds, code) => {
  expect(totp(base32Encode(RFC_SECRET), seconds * 1000, 8)).toBe(code);
});

test('RFC 4226 appendix D: HOTP of counters 0 and 9, 6 digits', () => {
  expect(hotp(RFC_SECRET, 0)).toBe('755224');
  expect(hotp(RFC_SECRET, 9)).toBe('520489');
});

test('base32 round trip, spaces and lower case read as an app reads a typed key', () => {
  expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(RFC_SECRET);
  expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
});

test('a code matches in its 30-second step and one either side, not two away', () => {
  const secret = base32Encode(RFC_SECRET);
  const at = 1_700_000_000_000;
  expect(totpMatches(secret, totp(secret, at), at)).toBe(true);
  expect(totpMatches(secret, totp(secret, at - 30_000), at)).toBe(true);
  expect(totpMatches(secret, totp(secret, at + 60_000), at)).toBe(false);
});

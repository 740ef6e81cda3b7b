import { createHmac, randomBytes } from 'node:crypto';

/**
 * RFC 6238 TOTP with SHA-1, 30-second steps and 6 digits (what Cognito and every authenticator app
 * use), and the RFC 4648 base32 their secrets are written in. For the Cognito stand-in, which checks
 * codes, and for tests, which compute a code from the secret a page shows, as a user's app would.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The HOTP value (RFC 4226) of one counter, `digits` long. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The code an authenticator app shows at `at` (ms since epoch) for a base32 secret. */
export const totp = (secret: string, at = Date.now(), digits = 6): string => hotp(base32Decode(secret), Math.floor(at / 1000 / 30), digits);

/** Whether a code matches the secret now, allowing one step either way for clock skew (as Cognito does). */
export const totpMatches = (secret: string, code: string, at = Date.now()): boolean =>
  [-1, 0, 1].some((step) => totp(secret, at + step * 30_000) === code);

/** A new secret as Cognito hands one out: 20 random bytes in base32 (32 characters). */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

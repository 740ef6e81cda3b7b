import { createHash } from 'node:crypto';

/**
 * A deterministic event id (UUID-shaped, from a SHA-256 of the parts): the same change always
 * yields the same id, so a redelivered stream record or a re-run sweep republishes an event that
 * consumers recognise and skip.
 */
export function deterministicEventId(...parts: Array<string | number>): string {
  const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

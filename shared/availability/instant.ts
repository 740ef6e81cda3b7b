/** An ISO 8601 instant that names its offset, as epoch ms. An instant without an offset would be read in
 * the server's own zone, so it is refused rather than guessed; so is anything unparsable, since silently
 * dropping a booking or a time off would offer its time to someone else. */
const EXPLICIT_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

export function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (!EXPLICIT_OFFSET.test(iso) || Number.isNaN(ms)) throw new RangeError(`not an ISO instant with an offset: ${iso}`);
  return ms;
}

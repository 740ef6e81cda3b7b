import { DateTime } from 'luxon';

/**
 * A VTIMEZONE for an IANA zone, written from luxon's (the runtime's ICU) rules: one STANDARD or
 * DAYLIGHT component per clock change between `from` and `to`, plus the one in force at `from`.
 *
 * Explicit changes rather than a yearly RRULE: a zone's rules do change (and a derived rule would
 * be wrong for the years it was not derived from), while the changes themselves are what the
 * runtime already knows. Google, Outlook and Apple map a known TZID to their own zone and use the
 * VTIMEZONE only when they cannot; ical.js (the tests) uses it as written.
 */
export function vtimezone(zone: string, from: Date, to: Date): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const changes = clockChanges(zone, from, to);
  const first = DateTime.fromJSDate(from, { zone });
  if (!first.isValid) throw new RangeError(`unknown time zone: ${zone}`);
  // The offset in force at `from` (and before it, as far as this file is concerned).
  const initial = changes[0]?.before ?? first.offset;
  lines.push(...component(first.isInDST ? 'DAYLIGHT' : 'STANDARD', '19700101T000000', initial, initial, first));
  for (const change of changes) {
    const after = DateTime.fromMillis(change.at, { zone });
    // DTSTART is the local time of the change as the clock showed it before the change.
    const localBefore = DateTime.fromMillis(change.at, { zone: 'utc' }).plus({ minutes: change.before });
    lines.push(...component(after.isInDST ? 'DAYLIGHT' : 'STANDARD', localBefore.toFormat("yyyyLLdd'T'HHmmss"), change.before, change.after, after));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

function component(kind: 'STANDARD' | 'DAYLIGHT', dtstart: string, fromOffset: number, toOffset: number, at: DateTime): string[] {
  const name = at.offsetNameShort;
  return [
    `BEGIN:${kind}`,
    `DTSTART:${dtstart}`,
    `TZOFFSETFROM:${offset(fromOffset)}`,
    `TZOFFSETTO:${offset(toOffset)}`,
    // Only a real abbreviation ("EST", "AEDT"); "GMT+11" says no more than the offset.
    ...(name && /^[A-Z]{2,6}$/.test(name) ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

/** "+1100", "-0500", "+0530". */
function offset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

interface ClockChange {
  /** The instant (ms) from which `after` is in force. */
  at: number;
  before: number;
  after: number;
}

/** Every offset change of `zone` in [from, to], to the minute. Zones change at most a few times a year. */
export function clockChanges(zone: string, from: Date, to: Date): ClockChange[] {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const changes: ClockChange[] = [];
  const step = 6 * 3600_000;
  // From a whole hour, so bisection lands on whole minutes, where every clock change is.
  for (let t = Math.floor(from.getTime() / 3600_000) * 3600_000; t < to.getTime(); t += step) {
    const a = offsetAt(t);
    const b = offsetAt(t + step);
    if (a === b) continue;
    // Bisect to the minute at which the new offset starts.
    let lo = t;
    let hi = t + step;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid) === a) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, before: a, after: b });
  }
  return changes;
}

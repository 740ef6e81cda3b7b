import { fc, test } from '@fast-check/jest';
import { DateTime, IANAZone, Settings, type Zone } from 'luxon';
import { CachedZone, ianaZone, offsetProbe } from '../../../shared/availability/cached-zone';
import { civilDate } from '../../../shared/availability/calendar-day';
import { parseInstant } from '../../../shared/availability/instant';
import { wallClockInstant } from '../../../shared/availability/wall-clock';

// The engine's shortcuts (issue 11) against the slow ways they replace, which the engine's own properties
// and examples were written against: window edges placed by arithmetic where the offset holds, against
// luxon's DateTime resolution; the offset-only formatter against luxon's IANAZone.offset; the digit-by-digit
// instant reader against Date.parse. Zones chosen for DST on both hemispheres, half-hour and :45 offsets,
// a half-hour DST shift (Lord Howe), midnight transitions (Santiago), Ramadan suspensions (Casablanca).

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'America/St_Johns',
  'Pacific/Chatham',
  'Pacific/Auckland',
  'America/Santiago',
  'Africa/Casablanca',
  'Pacific/Apia',
  'UTC',
] as const;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const FROM = Date.parse('2025-06-01T00:00:00Z');
const TO = Date.parse('2028-06-01T00:00:00Z');

/** Each zone's offset changes between FROM and TO, found with luxon to the hour (enough: the generators only
 * need days near them; no zone here changes twice within six hours). */
const TRANSITIONS = new Map<string, number[]>(
  ZONES.map((name) => {
    const zone = IANAZone.create(name);
    const found: number[] = [];
    for (let t = FROM; t < TO; t += 6 * HOUR) {
      if (zone.offset(t) === zone.offset(t + 6 * HOUR)) continue;
      for (let h = t; h < t + 6 * HOUR; h += HOUR) if (zone.offset(h) !== zone.offset(h + HOUR)) found.push(h + HOUR);
    }
    return [name, found];
  }),
);

/** The engine's wall-clock placement before the arithmetic shortcut: luxon alone, earliest of the two. */
function luxonWallClock(zone: Zone, day: number, minuteOfDay: number): number {
  const spill = Math.floor(minuteOfDay / 1440);
  const minute = minuteOfDay - spill * 1440;
  const date = civilDate(day + spill);
  const resolved = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  );
  let earliest = resolved.toMillis();
  for (const candidate of resolved.getPossibleOffsets()) earliest = Math.min(earliest, candidate.toMillis());
  return earliest;
}

/** A zone, and therapist-local days mostly within a few days of one of its transitions. */
const zoneAndDays = fc.constantFrom(...ZONES).chain((name) => {
  const transitions = TRANSITIONS.get(name)!;
  const anyDay = fc.integer({ min: Math.floor(FROM / DAY) + 3, max: Math.floor(TO / DAY) - 3 });
  const nearTransition =
    transitions.length === 0
      ? anyDay
      : fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -3, max: 3 })).map(([t, d]) => Math.floor(t / DAY) + d);
  const minute = fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 240 }), fc.constantFrom(0, 1440));
  return fc.record({
    name: fc.constant(name),
    // In the order a request asks (ascending days), or shuffled: the clock's run of known offsets must not care.
    edges: fc.array(fc.tuple(fc.oneof({ arbitrary: nearTransition, weight: 3 }, { arbitrary: anyDay, weight: 1 }), minute), {
      minLength: 1,
      maxLength: 40,
    }),
    ascending: fc.boolean(),
    machineNow: fc.integer({ min: FROM, max: TO }),
  });
});

test.prop([zoneAndDays], { numRuns: 300 })(
  'a window edge placed by arithmetic is the instant luxon resolves, across DST transitions',
  ({ name, edges, ascending, machineNow }) => {
    const asked = ascending ? [...edges].sort((a, b) => a[0] - b[0] || a[1] - b[1]) : edges;
    const realNow = Settings.now;
    try {
      Settings.now = () => machineNow;
      const clock = new CachedZone(ianaZone(name));
      const placed = asked.map(([day, minute]) => ({ day, minute, at: wallClockInstant(clock, day, minute) }));
      const expected = asked.map(([day, minute]) => ({ day, minute, at: luxonWallClock(IANAZone.create(name), day, minute) }));
      expect(placed).toEqual(expected);
      // And the same through the clock itself (luxon's resolution asking the cached offsets).
      expect(placed.map((p) => luxonWallClock(new CachedZone(ianaZone(name)), p.day, p.minute))).toEqual(expected.map((e) => e.at));
    } finally {
      Settings.now = realNow;
    }
  },
);

const ALL_ZONES = [...Intl.supportedValuesOf('timeZone'), ...ZONES];

test.prop(
  [
    fc.constantFrom(...ALL_ZONES),
    fc.array(fc.oneof(fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), fc.integer({ min: FROM, max: TO })), {
      minLength: 1,
      maxLength: 50,
    }),
  ],
  { numRuns: 400 },
)('the offset-only formatter reads the offset luxon reads, in every zone Intl knows', (name, instants) => {
  const zone = IANAZone.create(name);
  const probe = offsetProbe(zone);
  expect(instants.map((ms) => ({ ms, offset: probe(ms) }))).toEqual(instants.map((ms) => ({ ms, offset: zone.offset(ms) })));
});

/** A zone and a span `[from, to]`: anywhere, or with an end minutes or hours from one of its transitions. */
const zoneAndSpan = fc.constantFrom(...ZONES).chain((name) => {
  const transitions = TRANSITIONS.get(name)!;
  const anywhere = fc.tuple(fc.integer({ min: FROM, max: TO - 10 * DAY }), fc.integer({ min: 0, max: 6 * DAY })).map(([from, length]) => [from, from + length] as const);
  if (transitions.length === 0) return fc.tuple(fc.constant(name), anywhere);
  const near = fc.integer({ min: -7 * HOUR, max: 7 * HOUR });
  const far = fc.integer({ min: 0, max: 5 * DAY });
  const aroundChange = fc.tuple(fc.constantFrom(...transitions), near, far, fc.boolean()).map(([t, close, length, endNear]) =>
    endNear ? ([t + close - length, t + close] as const) : ([t + close, t + close + length] as const),
  );
  return fc.tuple(fc.constant(name), fc.oneof(anywhere, aroundChange));
});

test.prop([zoneAndSpan], { numRuns: 500 })(
  'an offset said to hold over a span holds at every hour of it, and a span with a change gets none',
  ([name, [from, to]]) => {
    const held = new CachedZone(ianaZone(name)).offsetHeldThrough(from, to);
    const zone = IANAZone.create(name);
    const offsets = new Set([from, to]);
    for (let t = from; t < to; t += HOUR) offsets.add(t);
    const seen = new Set([...offsets].map((t) => zone.offset(t)));
    if (held !== undefined) expect([...seen]).toEqual([held]);
    const changes = TRANSITIONS.get(name)!.some((t) => t > from && t <= to);
    if (changes) expect(held).toBeUndefined();
  },
);

/** What parseInstant did before it read digits itself. */
function dateParseInstant(iso: string): number | string {
  const ms = Date.parse(iso);
  if (!/(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(iso) || Number.isNaN(ms)) return 'refused';
  return ms;
}
const outcome = (iso: string): number | string => {
  try {
    return parseInstant(iso);
  } catch (error) {
    return error instanceof RangeError ? 'refused' : 'other error';
  }
};

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
/** ISO-shaped strings with any field out of range (February 29, day 31 of short months, 24:00, offsets past
 * ±23:59), with and without milliseconds and offsets, and one character changed or dropped now and then. */
const isoLike = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(1970, 2026, 2028)).map((y) => String(y).padStart(4, '0')),
    month: two(13),
    day: two(32),
    hour: two(25),
    minute: two(60),
    second: two(60),
    millis: fc.option(fc.oneof(fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')), fc.constantFrom('1', '12', '1234')), { nil: undefined }),
    zone: fc.oneof(fc.constantFrom('Z', 'z', '', '+00:00', '-00:00', '+0530', '+05'), fc.tuple(fc.constantFrom('+', '-'), two(25), two(60)).map(([s, h, m]) => `${s}${h}:${m}`)),
    separator: fc.constantFrom('T', 'T', 'T', 't', ' '),
    damage: fc.option(fc.tuple(fc.nat(), fc.constantFrom('0', '9', '-', ':', '.', 'T', 'Z', '+', ' ', 'x', ''), fc.boolean()), { nil: undefined }),
  })
  .map((p) => {
    let text = `${p.year}-${p.month}-${p.day}${p.separator}${p.hour}:${p.minute}:${p.second}${p.millis === undefined ? '' : `.${p.millis}`}${p.zone}`;
    if (p.damage) {
      const [at, character, replace] = p.damage;
      const index = at % text.length;
      text = text.slice(0, index) + character + text.slice(index + (replace ? 1 : 0));
    }
    return text;
  });

test.prop([fc.oneof({ arbitrary: isoLike, weight: 9 }, { arbitrary: fc.string({ maxLength: 30 }), weight: 1 })], { numRuns: 5000 })(
  'instants are read as Date.parse reads them, and refused where it refused them',
  (iso) => {
    expect({ iso, read: outcome(iso) }).toEqual({ iso, read: dateParseInstant(iso) });
  },
);

test('the usual shapes are read, with their offsets', () => {
  expect(parseInstant('2026-05-04T07:00:00.000Z')).toBe(Date.parse('2026-05-04T07:00:00.000Z'));
  expect(parseInstant('2026-05-04T09:00:00+02:00')).toBe(Date.parse('2026-05-04T07:00:00Z'));
  expect(parseInstant('2026-05-04T01:15:00.250-05:45')).toBe(Date.parse('2026-05-04T07:00:00.250Z'));
  expect(() => parseInstant('2026-05-04T07:00:00')).toThrow(RangeError);
});

import { fc, test } from '@fast-check/jest';
import { DateTime, IANAZone, Settings } from 'luxon';
import { WEEKDAYS, type DateOverride, type TimeInterval, type WeeklySchedule } from '../../../shared/domain/schedule';
import {
  availableDays,
  checkSlot,
  type AvailabilityDay,
  type AvailabilityInput,
  type SlotRange,
  type SlotRejection,
} from '../../../shared/availability/availability-engine';

// Properties of the availability engine over random schedules, bookings and clocks in zones chosen for
// their DST habits: 30-minute shifts (Lord Howe), :45 offsets (Chatham, Kathmandu), midnight transitions
// (Santiago), Ramadan suspensions (Casablanca), southern-hemisphere summers. Everything the properties
// compare against is computed here with luxon, one slot at a time, without the engine's helpers.

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Pacific/Auckland',
  'America/Los_Angeles',
  'UTC',
  'Africa/Casablanca',
  'America/Santiago',
  'Europe/Berlin',
] as const;

/** Offset changes in 2026–2027, to the hour (UTC); the first test checks them against luxon. */
const TRANSITIONS: Record<(typeof ZONES)[number], string[]> = {
  'America/New_York': ['2026-03-08T07', '2026-11-01T06', '2027-03-14T07', '2027-11-07T06'],
  'Europe/London': ['2026-03-29T01', '2026-10-25T01', '2027-03-28T01', '2027-10-31T01'],
  'Australia/Lord_Howe': ['2026-04-04T15', '2026-10-03T16', '2027-04-03T15', '2027-10-02T16'],
  'Asia/Kolkata': [],
  'Asia/Kathmandu': [],
  'Pacific/Chatham': ['2026-04-04T14', '2026-09-26T14', '2027-04-03T14', '2027-09-25T14'],
  'America/St_Johns': ['2026-03-08T06', '2026-11-01T05', '2027-03-14T06', '2027-11-07T05'],
  'Pacific/Auckland': ['2026-04-04T14', '2026-09-26T14', '2027-04-03T14', '2027-09-25T14'],
  'America/Los_Angeles': ['2026-03-08T10', '2026-11-01T09', '2027-03-14T10', '2027-11-07T09'],
  UTC: [],
  'Africa/Casablanca': ['2026-02-15T02', '2026-03-22T02', '2026-09-20T01'],
  'America/Santiago': ['2026-04-05T03', '2026-09-06T04', '2027-04-04T03', '2027-09-05T04'],
  'Europe/Berlin': ['2026-03-29T01', '2026-10-25T01', '2027-03-28T01', '2027-10-31T01'],
};
const transitionsOf = (zone: string) => (TRANSITIONS[zone as (typeof ZONES)[number]] ?? []).map((hour) => Date.parse(`${hour}:00:00Z`));
const ALL_TRANSITIONS = ZONES.flatMap(transitionsOf);

const MINUTE = 60_000;
const DAY = 86_400_000;
const RUNS = { numRuns: 120 };

// ---------------------------------------------------------------------------------------------------
// Generators

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Non-overlapping intervals with edges at any minute, 24:00 included; half of the edges fall in the
 * small hours, where transitions happen. */
const dayIntervals: fc.Arbitrary<TimeInterval[]> = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 240 }), fc.constant(1440)), { minLength: 2, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals: TimeInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
    return intervals;
  });

const weekly: fc.Arbitrary<WeeklySchedule['weekly']> = fc
  .tuple(...WEEKDAYS.map(() => fc.option(dayIntervals, { nil: undefined, freq: 4 })))
  .map((days) => Object.fromEntries(WEEKDAYS.flatMap((d, i) => (days[i] === undefined ? [] : [[d, days[i]]]))));

/** Near a transition of the therapist's or the client's zone (or any), or anywhere in 2026–2027; minute-aligned
 * mostly, sometimes with seconds (the notice edge then falls between minutes). */
function nowNear(zones: string[]): fc.Arbitrary<Date> {
  const near = (transitions: number[]) =>
    fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * 1440, max: 1440 })).map(([t, m]) => t + m * MINUTE);
  const own = zones.flatMap(transitionsOf);
  return fc
    .tuple(
      fc.oneof(
        { arbitrary: own.length > 0 ? near(own) : near(ALL_TRANSITIONS), weight: 3 },
        { arbitrary: near(ALL_TRANSITIONS), weight: 1 },
        {
          arbitrary: fc
            .integer({ min: Date.parse('2026-01-01T00:00:00Z') / MINUTE, max: Date.parse('2027-12-31T00:00:00Z') / MINUTE })
            .map((m) => m * MINUTE),
          weight: 1,
        },
      ),
      fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59_999 })),
    )
    .map(([ms, extra]) => new Date(ms + extra));
}

interface Scenario {
  input: AvailabilityInput;
  range: SlotRange;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .tuple(fc.constantFrom(...ZONES), fc.constantFrom(...ZONES))
  .chain(([timeZone, clientZone]) =>
    fc.record({
      timeZone: fc.constant(timeZone),
      clientZone: fc.constant(clientZone),
      weekly,
      overrides: fc.uniqueArray(fc.record({ dayOffset: fc.integer({ min: -2, max: 10 }), intervals: dayIntervals }), {
        maxLength: 4,
        selector: (o) => o.dayOffset,
      }),
      bufferMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 90 })),
      minimumNoticeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 3 * 1440 })),
      horizonDays: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 7, max: 14 })),
      slotIntervalMinutes: fc.oneof(fc.constantFrom(5, 10, 15, 30, 60), fc.integer({ min: 5, max: 120 })),
      maxSessionsPerDay: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      durationMinutes: fc.oneof(fc.constantFrom(30, 45, 50, 60), fc.integer({ min: 5, max: 180 })),
      now: nowNear([timeZone, clientZone]),
      busy: fc.array(
        fc.record({ from: fc.integer({ min: -2 * 1440, max: 11 * 1440 }), length: fc.integer({ min: 1, max: 300 }), session: fc.boolean() }),
        { maxLength: 20 },
      ),
      timeOff: fc.array(fc.record({ from: fc.integer({ min: -2 * 1440, max: 11 * 1440 }), length: fc.integer({ min: 1, max: 3 * 1440 }) }), {
        maxLength: 3,
      }),
      rangeStart: fc.nat(),
      rangeLength: fc.integer({ min: 0, max: 5 }),
    }),
  )
  .map((r): Scenario => {
    const nowMs = r.now.getTime();
    const minuteOfNow = Math.floor(nowMs / MINUTE) * MINUTE;
    const iso = (ms: number) => new Date(ms).toISOString();
    const therapistToday = DateTime.fromMillis(nowMs, { zone: r.timeZone }).startOf('day');
    const clientToday = DateTime.fromMillis(nowMs, { zone: r.clientZone }).startOf('day');
    // From yesterday to a day past the horizon: mostly bookable, sometimes only partly.
    const rangeStart = (r.rangeStart % (r.horizonDays + 2)) - 1;
    const overrides: DateOverride[] = r.overrides.map((o) => ({
      date: therapistToday.plus({ days: o.dayOffset }).toISODate()!,
      intervals: o.intervals,
    }));
    return {
      input: {
        schedule: {
          timeZone: r.timeZone,
          weekly: r.weekly,
          bufferMinutes: r.bufferMinutes,
          minimumNoticeMinutes: r.minimumNoticeMinutes,
          horizonDays: r.horizonDays,
          slotIntervalMinutes: r.slotIntervalMinutes,
          ...(r.maxSessionsPerDay === undefined ? {} : { maxSessionsPerDay: r.maxSessionsPerDay }),
        },
        overrides,
        busy: r.busy.map((b) => ({
          start: iso(minuteOfNow + b.from * MINUTE),
          end: iso(minuteOfNow + (b.from + b.length) * MINUTE),
          session: b.session,
        })),
        timeOff: r.timeOff.map((t) => ({ start: iso(minuteOfNow + t.from * MINUTE), end: iso(minuteOfNow + (t.from + t.length) * MINUTE) })),
        durationMinutes: r.durationMinutes,
        now: r.now,
      },
      range: {
        from: clientToday.plus({ days: rangeStart }).toISODate()!,
        to: clientToday.plus({ days: rangeStart + r.rangeLength }).toISODate()!,
        timeZone: r.clientZone,
      },
    };
  });

// ---------------------------------------------------------------------------------------------------
// An independent model of the contract: slow, one luxon call per question.

/** The earliest instant at which `zone` shows `date` `hh:mm` (24:00 = the next date's 00:00); a wall time in
 * a gap is luxon's (shifted forward). Found by trying every offset the zone has around that time. */
function wallClock(zone: string, date: string, time: string): number {
  let day = DateTime.fromISO(date, { zone: 'UTC' });
  let hour = Number(time.slice(0, 2));
  const minute = Number(time.slice(3, 5));
  if (hour === 24) {
    day = day.plus({ days: 1 });
    hour = 0;
  }
  const target = { year: day.year, month: day.month, day: day.day, hour, minute };
  const asUtc = Date.UTC(target.year, target.month - 1, target.day, hour, minute);
  const iana = IANAZone.create(zone);
  const matches = [-2 * DAY, 0, 2 * DAY]
    .map((probe) => asUtc - iana.offset(asUtc + probe) * MINUTE)
    .filter((t) => {
      const shown = DateTime.fromMillis(t, { zone });
      return shown.year === target.year && shown.month === target.month && shown.day === target.day && shown.hour === hour && shown.minute === minute;
    });
  return matches.length > 0 ? Math.min(...matches) : DateTime.fromObject(target, { zone }).toMillis();
}

interface Window {
  start: number;
  end: number;
}

// The model's answers per date are remembered per input: the properties ask about many slots of one input.
const windowsByInput = new WeakMap<AvailabilityInput, Map<string, Window[]>>();
const sessionsByInput = new WeakMap<AvailabilityInput, Map<string, number>>();

function windowsOf(input: AvailabilityInput, date: string): Window[] {
  const known = windowsByInput.get(input) ?? new Map<string, Window[]>();
  windowsByInput.set(input, known);
  let windows = known.get(date);
  if (!windows) {
    const override = input.overrides.filter((o) => o.date === date).at(-1);
    const weekday = WEEKDAYS[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1]!;
    const intervals = override ? override.intervals : (input.schedule.weekly[weekday] ?? []);
    windows = intervals.map((i) => ({
      start: wallClock(input.schedule.timeZone, date, i.start),
      end: wallClock(input.schedule.timeZone, date, i.end),
    }));
    known.set(date, windows);
  }
  return windows;
}

const localDate = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate()!;
const previousDate = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;
const parse = (iso: string) => Date.parse(iso);
const overlaps = (start: number, end: number, other: { start: string; end: string }) => start < parse(other.end) && parse(other.start) < end;

/** Session bookings starting on a therapist-local date. */
function sessionsOn(input: AvailabilityInput, date: string): number {
  let counts = sessionsByInput.get(input);
  if (!counts) {
    counts = new Map();
    for (const b of input.busy) {
      if (!b.session) continue;
      const day = localDate(parse(b.start), input.schedule.timeZone);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    sessionsByInput.set(input, counts);
  }
  return counts.get(date) ?? 0;
}

/** The contract's verdict on a start that is on a window's grid. */
function modelRejection(input: AvailabilityInput, start: number): SlotRejection | undefined {
  const { schedule } = input;
  const blockedEnd = start + (input.durationMinutes + schedule.bufferMinutes) * MINUTE;
  if (start < input.now.getTime() + schedule.minimumNoticeMinutes * MINUTE) return 'too_soon';
  if (start > input.now.getTime() + schedule.horizonDays * DAY) return 'beyond_horizon';
  if (input.timeOff.some((t) => overlaps(start, blockedEnd, t))) return 'time_off';
  if (input.busy.some((b) => overlaps(start, blockedEnd, b))) return 'busy';
  const max = schedule.maxSessionsPerDay;
  if (max !== undefined && sessionsOn(input, localDate(start, schedule.timeZone)) >= max) return 'daily_limit';
  return undefined;
}

/** Every grid start of the windows of the therapist dates around the client's range, ascending, once. */
function modelCandidates(input: AvailabilityInput, range: SlotRange): number[] {
  const zone = input.schedule.timeZone;
  const first = DateTime.fromISO(range.from, { zone: range.timeZone }).setZone(zone).minus({ days: 2 });
  const last = DateTime.fromISO(range.to, { zone: range.timeZone }).setZone(zone).plus({ days: 2 });
  const starts = new Set<number>();
  for (let d = first.startOf('day'); d <= last; d = d.plus({ days: 1 })) {
    for (const w of windowsOf(input, d.toISODate()!)) {
      const step = input.schedule.slotIntervalMinutes * MINUTE;
      for (let s = w.start; s + input.durationMinutes * MINUTE <= w.end; s += step) starts.add(s);
    }
  }
  return [...starts].sort((a, b) => a - b);
}

function inClientRange(ms: number, range: SlotRange): boolean {
  const date = localDate(ms, range.timeZone);
  return date >= range.from && date <= range.to;
}

const starts = (days: AvailabilityDay[]) => days.flatMap((d) => d.slots.map((s) => parse(s.start)));

/** luxon's own rendering of an instant in a zone, with `Z` written as `+00:00` as the engine does. */
const luxonIso = (ms: number, zone: string) =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!.replace(/Z$/, '+00:00');

// ---------------------------------------------------------------------------------------------------

test('the transition list is right (offsets differ across each listed hour)', () => {
  for (const zone of ZONES) {
    for (const t of transitionsOf(zone)) {
      const changed = IANAZone.create(zone).offset(t - 3_600_000) !== IANAZone.create(zone).offset(t + 3_600_000);
      expect({ zone, at: new Date(t).toISOString(), changed }).toEqual({ zone, at: new Date(t).toISOString(), changed: true });
    }
  }
});

test.prop([scenario], RUNS)('(a) no slot, with its buffer, overlaps a booking or time off', ({ input, range }) => {
  const buffer = input.schedule.bufferMinutes * MINUTE;
  const clashes = availableDays(input, range)
    .flatMap((d) => d.slots)
    .flatMap((slot) => {
      const blockedEnd = parse(slot.end) + buffer;
      return [...input.busy, ...input.timeOff].filter((b) => overlaps(parse(slot.start), blockedEnd, b)).map((b) => ({ slot, b }));
    });
  expect(clashes).toEqual([]);
});

test.prop([scenario], RUNS)('(b) every slot lies on the grid of a working window of its therapist date (or the day before)', ({ input, range }) => {
  const zone = input.schedule.timeZone;
  const step = input.schedule.slotIntervalMinutes * MINUTE;
  const outside = availableDays(input, range)
    .flatMap((d) => d.slots)
    .filter((slot) => {
      const start = parse(slot.start);
      const end = parse(slot.end);
      const date = localDate(start, zone);
      const windows = [...windowsOf(input, date), ...windowsOf(input, previousDate(date))];
      const inside = windows.some((w) => w.start <= start && end <= w.end && (start - w.start) % step === 0);
      return !inside || end - start !== input.durationMinutes * MINUTE;
    });
  expect(outside).toEqual([]);
});

test.prop([scenario], RUNS)('(c) every slot starts no sooner than the notice and no later than the horizon', ({ input, range }) => {
  const earliest = input.now.getTime() + input.schedule.minimumNoticeMinutes * MINUTE;
  const latest = input.now.getTime() + input.schedule.horizonDays * DAY;
  const wrong = starts(availableDays(input, range)).filter((start) => start < earliest || start > latest);
  expect(wrong.map((ms) => new Date(ms).toISOString())).toEqual([]);
});

test.prop([scenario], RUNS)('(d) slots ascend strictly across the answer; days ascend and none is empty', ({ input, range }) => {
  const days = availableDays(input, range);
  const all = starts(days);
  expect(all.filter((s, i) => i > 0 && s <= all[i - 1]!)).toEqual([]);
  expect(days.filter((d, i) => i > 0 && d.date <= days[i - 1]!.date)).toEqual([]);
  expect(days.filter((d) => d.slots.length === 0)).toEqual([]);
});

test.prop([scenario, fc.constantFrom(...ZONES)], RUNS)(
  '(e) the instants do not depend on the zone they are shown in',
  ({ input, range }, otherZone) => {
    const days = availableDays(input, range);
    const listed = days.flatMap((d) => d.slots.map((s) => s.start));
    const roundTrips = listed.map((start) => DateTime.fromISO(start, { setZone: true }).setZone(otherZone).setZone(range.timeZone).toMillis());
    expect(roundTrips).toEqual(listed.map(parse));
    // Ask in the other zone for every date that the client's range touches there, then keep the client's range.
    const rangeStart = DateTime.fromISO(range.from, { zone: range.timeZone }).toMillis();
    const rangeEnd = DateTime.fromISO(range.to, { zone: range.timeZone }).plus({ days: 1 }).toMillis();
    const wider = availableDays(input, {
      from: localDate(rangeStart, otherZone),
      to: localDate(rangeEnd, otherZone),
      timeZone: otherZone,
    });
    expect(starts(wider).filter((s) => inClientRange(s, range))).toEqual(starts(days));
  },
);

test.prop([scenario, fc.array(fc.integer({ min: -3 * 1440, max: 9 * 1440 }), { maxLength: 20 })], { numRuns: 100 })(
  '(f) checkSlot accepts every listed slot and refuses every other instant',
  ({ input, range }, probes) => {
    const listed = starts(availableDays(input, range));
    const offered = new Set(listed);
    expect(listed.filter((start) => !checkSlot(input, new Date(start)).ok)).toEqual([]);
    // Near misses of some listed slots (a minute off, a second off, the next grid point), and minutes
    // anywhere around the range.
    const step = input.schedule.slotIntervalMinutes * MINUTE;
    const someListed = listed.filter((_, i) => i % Math.ceil(listed.length / 8) === 0);
    const nearby = someListed.flatMap((s) => [s - MINUTE, s + MINUTE, s + 1000, s + step]);
    const rangeStart = DateTime.fromISO(range.from, { zone: range.timeZone }).toMillis();
    const disagreements = [...nearby, ...probes.map((m) => rangeStart + m * MINUTE)]
      .filter((instant) => inClientRange(instant, range))
      .filter((instant) => checkSlot(input, new Date(instant)).ok !== offered.has(instant));
    expect(disagreements).toEqual([]);
  },
);

test.prop([scenario], RUNS)("(g) each slot is filed under its client date and shown in the client's offset", ({ input, range }) => {
  const days = availableDays(input, range);
  expect(days.filter((d) => d.date < range.from || d.date > range.to)).toEqual([]);
  const misfiled = days.flatMap((day) =>
    day.slots.filter(
      (slot) =>
        localDate(parse(slot.start), range.timeZone) !== day.date ||
        slot.start !== luxonIso(parse(slot.start), range.timeZone) ||
        slot.end !== luxonIso(parse(slot.end), range.timeZone),
    ),
  );
  expect(misfiled).toEqual([]);
});

test.prop([scenario], RUNS)('(h) booking any slot keeps its therapist date within the daily maximum', ({ input, range }) => {
  const max = input.schedule.maxSessionsPerDay ?? Number.POSITIVE_INFINITY;
  const over = starts(availableDays(input, range)).filter((start) => sessionsOn(input, localDate(start, input.schedule.timeZone)) + 1 > max);
  expect(over).toEqual([]);
});

test.prop([scenario], { numRuns: 100 })(
  "the answer is exactly what the model of the contract offers, and checkSlot names the model's first failing rule",
  ({ input, range }) => {
    const candidates = modelCandidates(input, range).filter((s) => inClientRange(s, range));
    const expected = candidates.filter((s) => modelRejection(input, s) === undefined);
    expect(starts(availableDays(input, range))).toEqual(expected);
    // checkSlot on up to 60 candidates spread over the range, plus the first candidate refused for each reason.
    const firstOfEachReason = new Map(candidates.map((s) => [modelRejection(input, s), s] as const).reverse());
    const checked = [...new Set([...candidates.filter((_, i) => i % Math.ceil(candidates.length / 60) === 0), ...firstOfEachReason.values()])];
    const verdicts = checked.map((start) => ({ start, verdict: checkSlot(input, new Date(start)) }));
    expect(verdicts).toEqual(
      checked.map((start) => {
        const reason = modelRejection(input, start);
        return { start, verdict: reason === undefined ? { ok: true } : { ok: false, reason } };
      }),
    );
  },
);

test.prop([scenario], { numRuns: 50 })('a machine clock in another season does not change the answer', ({ input, range }) => {
  const before = availableDays(input, range);
  const realNow = Settings.now;
  try {
    Settings.now = () => Date.parse('2026-07-01T00:00:00Z');
    const summer = availableDays(input, range);
    Settings.now = () => Date.parse('2027-01-01T00:00:00Z');
    const winter = availableDays(input, range);
    expect(summer).toEqual(before);
    expect(winter).toEqual(before);
  } finally {
    Settings.now = realNow;
  }
});

import { performance } from 'node:perf_hooks';
import { availableDays, type AvailabilityDay, type AvailabilityInput, type BusyInterval, type SlotRange } from '../shared/availability/availability-engine';
import type { DateOverride, WeeklySchedule } from '../shared/domain/schedule';
import { figure, num, ratio, spread, table, timed, verdict, type Figure, type Timed } from './stats';

/**
 * The engine alone, in process and warm (as a warm Lambda runs it), over the issue's grid of inputs:
 * a therapist in Berlin with two intervals Mon–Fri, a client in New York, across both DST changes of
 * spring 2027. Its floor is what any engine must do for the same answer: walk the candidate grid and
 * build the same days and slots (ISO strings with the client's offset) for that many slots.
 */
export const ENGINE_DAYS = [1, 7, 31, 62];
export const ENGINE_BOOKINGS = [100, 400, 1600];
const FROM = Date.UTC(2027, 2, 1); // Monday 2027-03-01: the US changes on 14 March, Europe on 28 March
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DURATION = 50;
const BUFFER = 10;
const STEP = 15;
const workday = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const SCHEDULE: WeeklySchedule = {
  timeZone: 'Europe/Berlin',
  weekly: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
  bufferMinutes: BUFFER,
  minimumNoticeMinutes: 60,
  horizonDays: 365,
  slotIntervalMinutes: STEP,
};
const CLIENT_ZONE = 'America/New_York';

/** 10 overrides (every 6th day from the 3rd: alternately a day off and short hours) and 20 time-off ranges (every 3rd day, 2 h). */
function configuration() {
  const overrides: DateOverride[] = Array.from({ length: 10 }, (_, i) => ({
    date: day(FROM + (2 + 6 * i) * MS_PER_DAY),
    intervals: i % 2 ? [] : [{ start: '10:00', end: '14:00' }],
  }));
  const timeOff = Array.from({ length: 20 }, (_, i) => {
    const start = FROM + (1 + 3 * i) * MS_PER_DAY + 10 * 3_600_000;
    return { start: new Date(start).toISOString(), end: new Date(start + 2 * 3_600_000).toISOString() };
  });
  return { overrides, timeOff };
}

/**
 * `count` sessions spread evenly over a year from two days before the range, on weekdays in the
 * working intervals and on the grid: 1,600 is a busy therapist's year (about six of seven a weekday), and the
 * engine is given all of them whatever the range, so growth in bookings is measured apart from days.
 */
function bookings(count: number): BusyInterval[] {
  const starts: number[] = [];
  for (let d = -2; d < 363; d++) {
    const weekday = new Date(FROM + d * MS_PER_DAY).getUTCDay();
    if (weekday < 1 || weekday > 5) continue;
    for (const i of workday) {
      for (let m = minutes(i.start); m + DURATION <= minutes(i.end); m += DURATION + BUFFER) starts.push(FROM + d * MS_PER_DAY + (m - 60) * MS_PER_MINUTE);
    }
  }
  if (count > starts.length) throw new Error(`only ${starts.length} bookable starts for ${count} bookings`);
  return Array.from({ length: count }, (_, i) => {
    const start = starts[Math.floor((i * starts.length) / count)]!;
    return { start: new Date(start).toISOString(), end: new Date(start + (DURATION + BUFFER) * MS_PER_MINUTE).toISOString(), session: true };
  });
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function engineCase(days: number, count: number): { input: AvailabilityInput; range: SlotRange } {
  return {
    input: { schedule: SCHEDULE, ...configuration(), busy: bookings(count), durationMinutes: DURATION, now: new Date(FROM - MS_PER_DAY) },
    range: { from: day(FROM), to: day(FROM + (days - 1) * MS_PER_DAY), timeZone: CLIENT_ZONE },
  };
}

/**
 * The floor: the work any engine does for this answer, with nothing it could skip: read the busy
 * and time-off instants, walk the candidate grid of the range (one day of slack each side, with a
 * fixed offset, no zone lookups) checking each start against the busy intervals in one merge pass,
 * and build the same days and slot strings for the slots the engine found.
 */
function floorOf(input: AvailabilityInput, days: number, answer: AvailabilityDay[]): () => unknown {
  const slots = answer.flatMap((d) => d.slots.map((s) => ({ ms: Date.parse(s.start), offset: s.start.slice(19), offsetMs: offsetMs(s.start.slice(19)) })));
  const sessionMs = DURATION * MS_PER_MINUTE;
  const blockedMs = (DURATION + BUFFER) * MS_PER_MINUTE;
  const stepMs = STEP * MS_PER_MINUTE;
  const therapistOffsetMs = 60 * MS_PER_MINUTE; // Berlin in winter: a fixed offset, where the engine must follow the zone
  const iso = (ms: number, offsetMs: number, offset: string) => new Date(ms + offsetMs).toISOString().slice(0, 19) + offset;
  return () => {
    const busyStart = input.busy.map((b) => Date.parse(b.start));
    const busyEnd = input.busy.map((b) => Date.parse(b.end));
    const off = input.timeOff.map((t) => Date.parse(t.start) + Date.parse(t.end));
    let open = off.length;
    let j = 0;
    for (let d = -1; d <= days; d++) {
      const dayMs = FROM + d * MS_PER_DAY;
      const weekday = new Date(dayMs).getUTCDay();
      if (weekday < 1 || weekday > 5) continue;
      for (const i of workday) {
        const end = dayMs + minutes(i.end) * MS_PER_MINUTE - therapistOffsetMs;
        for (let t = dayMs + minutes(i.start) * MS_PER_MINUTE - therapistOffsetMs; t + sessionMs <= end; t += stepMs) {
          while (j < busyEnd.length && busyEnd[j]! <= t) j++;
          if (j >= busyStart.length || busyStart[j]! >= t + blockedMs) open++;
        }
      }
    }
    const out: AvailabilityDay[] = [];
    let current = '';
    for (const s of slots) {
      const start = iso(s.ms, s.offsetMs, s.offset);
      const date = start.slice(0, 10);
      if (date !== current) {
        out.push({ date, slots: [] });
        current = date;
      }
      out[out.length - 1]!.slots.push({ start, end: iso(s.ms + sessionMs, s.offsetMs, s.offset) });
    }
    return open + out.length;
  };
}

const offsetMs = (text: string) => (text === 'Z' ? 0 : (text[0] === '-' ? -1 : 1) * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6))) * MS_PER_MINUTE);

export interface EngineRow {
  days: number;
  bookings: number;
  slots: number;
  ms: Timed;
}

export interface EngineResult {
  rows: EngineRow[];
  goal: { case: string; medianMs: number; limitMs: number; ok: boolean };
  /** Exponent of growth: time ∝ size^k between the smallest and largest size (k ≤ 1: linear or better). */
  growth: { days: Record<number, number>; bookings: Record<number, number>; ok: boolean };
}

export function runEngine(quick: boolean): EngineResult {
  const samples = quick ? 21 : 151;
  const warmup = quick ? 10 : 50;
  const rows: EngineRow[] = [];
  let sink = 0;
  for (const days of ENGINE_DAYS) {
    for (const count of ENGINE_BOOKINGS) {
      const { input, range } = engineCase(days, count);
      const answer = availableDays(input, range);
      const floor = floorOf(input, days, answer);
      for (let i = 0; i < warmup; i++) sink += availableDays(input, range).length + Number(floor());
      const engine: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < samples; i++) {
        let t = performance.now();
        sink += availableDays(input, range).length;
        engine.push(performance.now() - t);
        t = performance.now();
        sink += Number(floor());
        base.push(performance.now() - t);
      }
      rows.push({ days, bookings: count, slots: answer.reduce((n, d) => n + d.slots.length, 0), ms: timed(engine, base) });
    }
  }
  if (sink < 0) console.log(sink); // keeps the work observable
  const at = (d: number, b: number) => rows.find((r) => r.days === d && r.bookings === b)!.ms.value.median;
  const exponent = (t1: number, t0: number, s1: number, s0: number) => Math.log(t1 / t0) / Math.log(s1 / s0);
  const [d0, dN] = [ENGINE_DAYS[0]!, ENGINE_DAYS.at(-1)!];
  const [b0, bN] = [ENGINE_BOOKINGS[0]!, ENGINE_BOOKINGS.at(-1)!];
  // Days from 7 up (one day is dominated by fixed costs, which flatter the exponent).
  const daysFrom = ENGINE_DAYS[1] ?? d0;
  const growthDays = Object.fromEntries(ENGINE_BOOKINGS.map((b) => [b, exponent(at(dN, b), at(daysFrom, b), dN, daysFrom)]));
  const growthBookings = Object.fromEntries(ENGINE_DAYS.map((d) => [d, exponent(at(d, bN), at(d, b0), bN, b0)]));
  // A little room for noise: 1.15 is still clearly not quadratic (2).
  const ok = [...Object.values(growthDays), ...Object.values(growthBookings)].every((k) => k <= 1.15);
  return {
    rows,
    goal: { case: '62 days, 400 bookings', medianMs: at(62, 400), limitMs: 1, ok: at(62, 400) <= 1 },
    growth: { days: growthDays, bookings: growthBookings, ok },
  };
}

export function engineTable(r: EngineResult): string {
  const rows = r.rows.map((row) => [String(row.days), String(row.bookings), String(row.slots), spread(row.ms.value), spread(row.ms.floor), ratio(row.ms.ratio)]);
  const growth = `growth exponent (time ∝ size^k, k ≤ 1 is linear or better): days 7→62 ${Object.entries(r.growth.days).map(([b, k]) => `${b} bookings k=${num(k, 2)}`).join(', ')}; ` +
    `bookings 100→1600 ${Object.entries(r.growth.bookings).map(([d, k]) => `${d} d k=${num(k, 2)}`).join(', ')} — ${verdict(r.growth.ok)}`;
  return [
    table(['days', 'bookings', 'slots', 'engine ms median (min–max)', 'floor ms', 'ratio'], rows),
    `goal: ${r.goal.case} ≤ ${r.goal.limitMs} ms median: ${num(r.goal.medianMs)} ms — ${verdict(r.goal.ok)}`,
    growth,
  ].join('\n');
}

export type { Figure };

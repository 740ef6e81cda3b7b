import { DateTime } from 'luxon';
import type { AvailabilityInput, SlotRange } from '../shared/availability/availability-engine';
import type { DateOverride, TimeOff, WeeklySchedule } from '../shared/domain/schedule';
import { slotRulesInput } from '../shared/booking/slot-rules-input';
import type { DayLedger } from '../shared/store/booking-repository';

/**
 * The availability engine's workload of issue 11: weekly hours Mon–Fri in two intervals, a 15-minute grid,
 * 50-minute sessions with a 10-minute buffer, 20 time-off ranges and 10 date overrides, `bookings` booked
 * sessions spread over the therapist dates the availability service would read ledgers for, and a client
 * in another zone than the therapist's asking for `days` dates. The input goes through slotRulesInput, as
 * the service's does. Seeded, so every run (and every branch) measures the same data.
 *
 * `from` (a client date) picks the window: the default, a Monday in May, crosses no DST change in either
 * zone; `2026-10-01` crosses Berlin's (Oct 25) and New York's (Nov 1) within 62 days.
 */
export interface EngineWorkloadOptions {
  days: number;
  bookings: number;
  from?: string;
  therapistZone?: string;
  clientZone?: string;
  seed?: number;
}

export interface EngineWorkload {
  input: AvailabilityInput;
  range: SlotRange;
}

const SESSION_MINUTES = 50;
const BUFFER_MINUTES = 10;
const GRID_MINUTES = 15;
const TIME_OFF_RANGES = 20;
const OVERRIDES = 10;
/** The service reads ledgers two days either side of the client's range (availability-service.ts). */
const LEDGER_MARGIN_DAYS = 2;

const TWO_INTERVALS = [
  { start: '09:00', end: '12:30' },
  { start: '13:30', end: '18:00' },
];

export function engineWorkload(options: EngineWorkloadOptions): EngineWorkload {
  const { days, bookings } = options;
  const therapistZone = options.therapistZone ?? 'Europe/Berlin';
  const clientZone = options.clientZone ?? 'America/New_York';
  const random = mulberry32(options.seed ?? 11);
  const first = DateTime.fromISO(options.from ?? '2026-05-04', { zone: 'UTC' });
  const last = first.plus({ days: days - 1 });
  // "Now" is the evening before the range opens for the client, so the notice cuts nothing off the range.
  const now = DateTime.fromISO(first.toISODate()!, { zone: clientZone }).minus({ hours: 6 }).toJSDate();

  const schedule: WeeklySchedule = {
    timeZone: therapistZone,
    weekly: { mon: TWO_INTERVALS, tue: TWO_INTERVALS, wed: TWO_INTERVALS, thu: TWO_INTERVALS, fri: TWO_INTERVALS },
    bufferMinutes: BUFFER_MINUTES,
    minimumNoticeMinutes: 120,
    horizonDays: 120,
    slotIntervalMinutes: GRID_MINUTES,
  };

  // The therapist dates whose ledgers the service would read for this range.
  const ledgerDates: string[] = [];
  for (let d = first.minus({ days: LEDGER_MARGIN_DAYS }); d <= last.plus({ days: LEDGER_MARGIN_DAYS }); d = d.plus({ days: 1 })) {
    ledgerDates.push(d.toISODate()!);
  }
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  /** An instant on the therapist's wall clock at `minute` of `date`. */
  const wall = (date: string, minute: number) =>
    DateTime.fromISO(date, { zone: therapistZone }).plus({ minutes: minute });

  const ledgers = new Map<string, DayLedger>(ledgerDates.map((date) => [date, { date, version: 1, entries: [] }]));
  for (let i = 0; i < bookings; i++) {
    const date = pick(ledgerDates);
    // On the grid inside working hours (09:00–17:00 starts), as booked sessions are.
    const start = wall(date, 9 * 60 + GRID_MINUTES * Math.floor(random() * 32));
    ledgers.get(date)!.entries.push({
      bookingId: `b${i}`,
      start: start.toUTC().toISO()!,
      end: start.plus({ minutes: SESSION_MINUTES + BUFFER_MINUTES }).toUTC().toISO()!,
    });
  }

  const timeOff: TimeOff[] = [];
  for (let i = 0; i < TIME_OFF_RANGES; i++) {
    const start = wall(pick(ledgerDates), 8 * 60 + 5 * Math.floor(random() * 120));
    const minutes = pick([45, 90, 180, 600, 1440, 2 * 1440]);
    timeOff.push({ id: `t${i}`, start: start.toUTC().toISO()!, end: start.plus({ minutes }).toUTC().toISO()! });
  }

  const overrides: DateOverride[] = [];
  const overridden = new Set<string>();
  while (overrides.length < Math.min(OVERRIDES, ledgerDates.length)) {
    const date = pick(ledgerDates);
    if (overridden.has(date)) continue;
    overridden.add(date);
    // A day off, a short day, or a long one with odd edges.
    const kind = overrides.length % 3;
    overrides.push({
      date,
      intervals:
        kind === 0
          ? []
          : kind === 1
            ? [{ start: '10:00', end: '14:00' }]
            : [
                { start: '07:40', end: '12:05' },
                { start: '15:10', end: '21:00' },
              ],
    });
  }

  const input = slotRulesInput(
    { schedule, sessionTypes: [], overrides, timeOff, externalBusy: [] },
    ledgers.values(),
    SESSION_MINUTES,
    now,
  );
  return { input, range: { from: first.toISODate()!, to: last.toISODate()!, timeZone: clientZone } };
}

/** A small seeded generator (mulberry32): the workload is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

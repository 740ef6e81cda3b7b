import * as z from '../validation/zod';
import { isIanaZone } from '../time/time-zone';
import { singleLine } from './text';
import { wholeNumber } from './whole-number';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const WallClockTime = z.string().check(z.regex(HH_MM, 'must be a wall-clock time HH:mm (24:00 allowed as an end)'));
export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const TimeZoneName = z.string().check(z.refine(isIanaZone, 'must be an IANA time zone name such as Europe/Berlin'));
export const CalendarDate = z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' });
export const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset, e.g. 2026-12-01T10:00:00Z' });

/** One working interval on a wall clock, `[start, end)`; `24:00` closes the day. */
export const TimeInterval = z.object({ start: WallClockTime, end: WallClockTime }).check(
  z.refine((i) => i.start !== '24:00', { message: '24:00 may only end an interval', path: ['start'] }),
  z.refine((i) => toMinutes(i.end) > toMinutes(i.start), { message: 'end must be after start', path: ['end'] }),
);
export type TimeInterval = z.infer<typeof TimeInterval>;

/** Intervals of one day: each valid, none overlapping another. Order does not matter. */
export const DayIntervals = z.array(TimeInterval).check(
  z.maxLength(24),
  z.superRefine((intervals, ctx) => {
    const sorted = intervals
      .map((interval, index) => ({ index, start: toMinutes(interval.start), end: toMinutes(interval.end) }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      if (current.start < previous.end) {
        ctx.addIssue({ code: 'custom', message: 'intervals of one day may not overlap', path: [current.index, 'start'] });
      }
    }
  }),
);

export const WeeklyHours = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, z.optional(DayIntervals)])) as Record<Weekday, z.ZodMiniOptional<typeof DayIntervals>>);
export type WeeklyHours = Partial<Record<Weekday, TimeInterval[]>>;

/** A therapist's bookable hours and the rules every slot obeys. */
export const WeeklySchedule = z.object({
  timeZone: TimeZoneName,
  weekly: WeeklyHours,
  bufferMinutes: wholeNumber(0, 240),
  minimumNoticeMinutes: wholeNumber(0, 43200),
  horizonDays: wholeNumber(1, 730),
  slotIntervalMinutes: wholeNumber(5, 240),
  maxSessionsPerDay: z.optional(wholeNumber(1, 48)),
});
export type WeeklySchedule = z.infer<typeof WeeklySchedule>;

/** Replaces one date's hours; no intervals means a day off. */
export const DateOverride = z.object({ date: CalendarDate, intervals: DayIntervals });
export type DateOverride = z.infer<typeof DateOverride>;

/** Absence between two instants (may span days). */
export const TimeOffInput = z
  .object({ start: Instant, end: Instant, label: z.optional(z.string().check(z.trim(), z.maxLength(200), singleLine)) })
  .check(z.refine((t) => Date.parse(t.end) > Date.parse(t.start), { message: 'end must be after start', path: ['end'] }));
export type TimeOff = z.infer<typeof TimeOffInput> & { id: string };

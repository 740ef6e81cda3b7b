import { DateTime } from 'luxon';
import type { Series } from '../series/series';
import { clockText, dateText, dateTimeFormat, dayMonthYearText, inZone } from './appointment-time';
import { bookedOccurrences } from './series-calendar';

/**
 * The words of the series emails (English; same discretion rule as message-wording.ts: "appointment",
 * "session", never the nature of the work). Kept beside the booking wording rather than in it, so a
 * translation of the booking emails stays complete without these.
 */
export const SERIES_WORDING = {
  clientSubjects: { created: 'Appointments confirmed', ended: 'Appointments cancelled' },
  therapistSubjects: { created: 'New standing appointment', ended: 'Standing appointment ended' },
  clientIntro: {
    created: 'Your regular appointments are confirmed.',
    endedAll: 'Your regular appointments have been cancelled.',
    endedFrom: (date: string) => `Your regular appointments have been cancelled from ${date} on.`,
  },
  therapistIntro: {
    created: 'A standing appointment has been booked.',
    ended: 'A standing appointment has been ended.',
  },
  labels: { rule: 'Repeats', firstDates: 'First dates', skipped: 'Not booked', last: 'Last appointment', endedFrom: 'Cancelled from' },
  moreDates: (count: number) => (count === 1 ? 'and 1 more' : `and ${count} more`),
  skippedLine: 'The dates under "Not booked" could not be booked at this time; the practice can offer you another time for them.',
  openEnded: 'They continue until you or the practice end them.',
  /** A week skipped after the confirmation (decision 71): neutral to the client, the reason to the therapist. */
  change: {
    clientSubject: 'A change to your standing appointments',
    therapistSubject: 'A week of a standing appointment could not be booked',
    clientIntro: 'One of your regular appointments will not take place. The others stay as they are.',
    clientWhy: 'The practice is not available at that time; it can offer you another time for it.',
    therapistIntro: 'These weeks of a standing appointment could not be booked. You can place each by hand in the Standing appointments view.',
    label: 'Not taking place',
    therapistLabel: 'Not booked',
    reasons: { time_off: 'time off', override: 'a day off', busy: 'already booked', outside_hours: 'outside your hours', daily_limit: 'daily limit reached', too_soon: 'too soon', beyond_horizon: 'beyond the booking horizon' } as Record<string, string>,
  },
  calendarDescription: { active: 'Your regular appointments.', cancelled: 'These appointments have been cancelled.' },
  /** "every 2 weeks on Tuesday at 5:00 PM, 10 sessions" (the time as the reader's locale writes it). */
  rule(everyWeeks: number, weekday: string, time: string, end: { count?: number; until?: string }): string {
    const every = everyWeeks === 1 ? 'every week' : `every ${everyWeeks} weeks`;
    const tail = end.count !== undefined ? `, ${end.count === 1 ? '1 session' : `${end.count} sessions`}` : end.until ? `, until ${end.until}` : '';
    return `${every} on ${weekday} at ${time}${tail}`;
  },
  /** The client's zone differs from the therapist's and a clock change falls inside the series. */
  clockChange(time: string, therapistZone: string, shifts: { from: string; to: string; date: string }[]): string {
    const parts = shifts.map((s) => `from ${s.from} to ${s.to} from ${s.date}`);
    return `The time stays ${time} in ${therapistZone}; in your time zone it moves ${parts.join(', then ')}.`;
  },
};

// Dates and clock times follow the reader's locale (email-locale.ts), as the booking emails do.

/** The rule's wall-clock time ("17:00" in the therapist's zone) as a locale writes it. */
function ruleTime(series: Series, locale: string): string {
  return clockText(DateTime.fromISO(`${series.firstDate}T${series.localTime}`, { zone: series.therapistTimeZone }), locale);
}

/** The rule in words, in the therapist's zone (the rule's own clock). */
export function ruleInWords(series: Series, locale: string): string {
  const first = DateTime.fromISO(`${series.firstDate}T${series.localTime}`, { zone: series.therapistTimeZone });
  const weekday = dateTimeFormat(locale, { weekday: 'long', timeZone: series.therapistTimeZone }).format(first.toJSDate());
  const until = series.until ? dayMonthYearText(DateTime.fromISO(`${series.until}T12:00`, { zone: series.therapistTimeZone }), locale) : undefined;
  return `${SERIES_WORDING.rule(series.everyWeeks, weekday, ruleTime(series, locale), { ...(series.count !== undefined ? { count: series.count } : {}), ...(until ? { until } : {}) })} (${series.therapistTimeZone})`;
}

/** A date as the reader reads it: in their zone, with the time. */
export function dateInZone(iso: string, zone: string, locale: string): string {
  const at = inZone(iso, zone);
  return `${dateText(at, locale)}, ${clockText(at, locale)}`;
}

/**
 * When the client's zone is not the therapist's, the session's time in the client's zone can move
 * when either zone changes its clocks. Each move inside the series' booked dates, once: "from 23:00
 * to 22:00 from 28 March 2027". Empty when nothing moves.
 */
export function clientClockShifts(series: Series, locale: string): { from: string; to: string; date: string }[] {
  if (series.timeZone === series.therapistTimeZone) return [];
  const shifts: { from: string; to: string; date: string }[] = [];
  let previous: string | undefined;
  for (const occurrence of bookedOccurrences(series)) {
    const local = inZone(occurrence.start, series.timeZone);
    const time = clockText(local, locale);
    if (previous !== undefined && time !== previous) shifts.push({ from: previous, to: time, date: dayMonthYearText(local, locale) });
    previous = time;
  }
  return shifts;
}

export function clockChangeNote(series: Series, locale: string): string | undefined {
  const shifts = clientClockShifts(series, locale);
  return shifts.length ? SERIES_WORDING.clockChange(ruleTime(series, locale), series.therapistTimeZone, shifts) : undefined;
}


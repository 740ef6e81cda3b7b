import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Occurrence, Series, SkipReason } from '../../../shared/series/series';

/** A series as s1's engine would record it: every rule date at the same wall clock in the therapist's zone. */
export function series(overrides: Partial<Series> & { skipped?: Record<number, SkipReason>; occurrencesCount?: number } = {}): Series {
  const { skipped = {}, occurrencesCount, ...rest } = overrides;
  const base: Series = {
    id: 'series-7f3a',
    therapistId: 'therapist-1',
    sessionTypeId: 'couples-50',
    everyWeeks: 2,
    count: 10,
    status: 'active',
    timeZone: 'Europe/London',
    therapistTimeZone: 'America/New_York',
    firstDate: '2027-02-16',
    localTime: '17:00',
    clients: [{ name: 'Alex Morgan', email: 'alex@example.org' }, { name: 'Blake Rivers', email: 'blake@example.net' }],
    note: 'private-note-xyz',
    occurrences: [],
    plannedThrough: '2027-07-01',
    createdBy: 'therapist',
    createdAt: '2027-02-01T09:00:00.000Z',
    updatedAt: '2027-02-01T09:00:00.000Z',
    sequence: 0,
    ...rest,
  };
  const n = occurrencesCount ?? base.count ?? 6;
  if (!rest.occurrences) base.occurrences = occurrences(base, n, skipped);
  return base;
}

export function occurrences(s: Pick<Series, 'firstDate' | 'localTime' | 'therapistTimeZone' | 'everyWeeks' | 'id'>, n: number, skipped: Record<number, SkipReason> = {}): Occurrence[] {
  const first = DateTime.fromISO(`${s.firstDate}T${s.localTime}`, { zone: s.therapistTimeZone });
  return Array.from({ length: n }, (_, index) => {
    const start = first.plus({ weeks: index * s.everyWeeks });
    const reason = skipped[index];
    return {
      index,
      start: start.toUTC().toISO()!,
      end: start.plus({ minutes: 50 }).toUTC().toISO()!,
      ...(reason ? { status: 'skipped' as const, reason } : { status: 'booked' as const, bookingId: `${s.id}-b${index}` }),
    };
  });
}

/** Registers every VTIMEZONE of the file with ical.js, so TZIDs resolve by what the file says (not a built-in table). */
export function parseIcs(content: string): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(content));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return calendar;
}

/**
 * What a calendar shows for the file's series event: the master's RRULE expanded, minus EXDATE,
 * with every override (RECURRENCE-ID) applied, up to `until`. UTC ISO starts.
 */
export function expandedStarts(content: string, until: Date): string[] {
  const calendar = parseIcs(content);
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const master = events.find((e) => !e.isRecurrenceException());
  if (!master) throw new Error('no master VEVENT');
  for (const exception of events.filter((e) => e.isRecurrenceException())) master.relateException(exception);
  const starts: string[] = [];
  const iterator = master.iterator();
  for (let next = iterator.next(); next && next.toJSDate() <= until; next = iterator.next()) {
    const details = master.getOccurrenceDetails(next);
    starts.push(details.startDate.toJSDate().toISOString());
    if (starts.length > 500) throw new Error('runaway expansion');
  }
  return starts.sort();
}

export const iso = (s: string) => new Date(s).toISOString();

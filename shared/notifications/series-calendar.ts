import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventClass,
  ICalEventStatus,
  type ICalCalendar,
  type ICalEventData,
} from 'ical-generator';
import { DateTime } from 'luxon';
import type { OutgoingEmail } from '../mail/mailer';
import type { Occurrence, Series } from '../series/series';
import { isOpenEnded } from '../series/series';
import { vtimezone } from '../calendar/vtimezone';
import { CALENDAR_PROD_ID, CANCELLATION_FILENAME, INVITATION_FILENAME, privateEventFields, type PrivateEventText } from './calendar-invitation';

/**
 * The calendar side of a standing appointment (decision 63): ONE VEVENT for the whole series, in
 * the therapist's zone (DTSTART;TZID plus a VTIMEZONE), so the wall-clock time stays put across DST
 * as the occurrences do, with `RRULE:FREQ=WEEKLY;INTERVAL=n` and `EXDATE` for every date of the rule
 * that is not booked (skipped or cancelled). An occurrence that sits elsewhere than its rule date
 * (moved on its own) is an override VEVENT with the same UID and `RECURRENCE-ID` of its rule date.
 * So expanding what the client's calendar holds gives exactly the booked occurrences.
 */

/** Stable across every message about one series (and distinct from every booking's UID). */
export function seriesCalendarUid(seriesId: string): string {
  return `series-${seriesId}@practice-booking`;
}

/** The parts of a series its calendar entry is made of. */
export type SeriesRule = Pick<
  Series,
  'id' | 'everyWeeks' | 'count' | 'until' | 'status' | 'therapistTimeZone' | 'firstDate' | 'localTime' | 'firstIndex' | 'occurrences' | 'planned' | 'sequence'
>;

/** Where occurrence `index` falls by the rule: its date and time in the therapist's zone (DST-proof: luxon keeps the wall clock). */
export function ruleStart(series: SeriesRule, index: number): DateTime {
  const first = DateTime.fromISO(`${series.firstDate}T${series.localTime}`, { zone: series.therapistTimeZone });
  if (!first.isValid) throw new RangeError(`series ${series.id} has no valid first date`);
  return first.plus({ weeks: (index - (series.firstIndex ?? 0)) * series.everyWeeks });
}

/** The rule's indices this entry covers: 0..last (finite), or 0..the last decided (open-ended: the RRULE itself goes on). */
function lastIndex(series: SeriesRule): number {
  const indices = [...series.occurrences.map((o) => o.index), ...(series.planned ?? []).map((p) => p.index)];
  return indices.length ? Math.max(...indices) : 0;
}

function occurrenceAt(series: SeriesRule, index: number): Occurrence | undefined {
  return series.occurrences.find((o) => o.index === index);
}

/** The booked occurrences in rule order (the dates an email lists). */
export function bookedOccurrences(series: Pick<Series, 'occurrences'>): Occurrence[] {
  return series.occurrences.filter((o) => o.status === 'booked').sort((a, b) => a.index - b.index);
}

const ICS_LOCAL = "yyyyLLdd'T'HHmmss";
const ICS_UTC = "yyyyLLdd'T'HHmmss'Z'";

export interface SeriesCalendarMessage extends PrivateEventText {
  /** When this message is created (DTSTAMP). */
  stamp: Date;
}

/** Every VEVENT of these messages: private, organised by the practice, the recipient the one attendee. */
function common(series: SeriesRule, message: SeriesCalendarMessage, cancelled: boolean): Partial<ICalEventData> {
  return {
    id: seriesCalendarUid(series.id),
    sequence: series.sequence,
    stamp: message.stamp,
    timezone: series.therapistTimeZone,
    ...privateEventFields(message, cancelled),
  };
}

interface Draft {
  calendar: ICalCalendar;
  /** The text: the calendar with the therapist zone's VTIMEZONE ahead of the events. */
  toString(): string;
}

function calendarFor(series: SeriesRule, method: 'REQUEST' | 'CANCEL', from: DateTime, to: DateTime): Draft {
  const calendar = ical({ prodId: CALENDAR_PROD_ID, method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  // A year either side: the VTIMEZONE then covers every date the rule can show, and the change in force at the first.
  const tz = vtimezone(series.therapistTimeZone, from.minus({ years: 1 }).toJSDate(), to.plus({ years: 1 }).toJSDate());
  // Spliced in rather than given as the calendar's zone: with a calendar zone ical-generator writes
  // DTSTAMP as a local time without `Z` (RFC 5545 wants UTC) and adds X-WR-TIMEZONE.
  return {
    calendar,
    toString: () => calendar.toString().replace('BEGIN:VEVENT', `${tz}\r\nBEGIN:VEVENT`),
  };
}

function durationOf(series: SeriesRule): number {
  const o = series.occurrences[0] ?? series.planned?.[0];
  return o ? Date.parse(o.end) - Date.parse(o.start) : 0;
}

export interface SeriesInvitationOptions {
  /** Cut the rule after this index (the series was ended from the next one on); default: the rule's own end. */
  through?: number;
}

/**
 * The iTIP REQUEST for the whole series as it is now: the rule (cut at `through` when ended part-way),
 * EXDATE for every rule date in it that is not booked, an override for every booked occurrence off
 * its rule date.
 */
export function buildSeriesInvitation(
  series: SeriesRule,
  message: SeriesCalendarMessage,
  options: SeriesInvitationOptions = {},
): NonNullable<OutgoingEmail['calendar']> {
  const open = isOpenEnded(series) && options.through === undefined;
  const last = options.through ?? lastIndex(series);
  const first = ruleStart(series, 0);
  const duration = durationOf(series);
  const draft = calendarFor(series, 'REQUEST', first, open ? first.plus({ years: 5 }) : ruleStart(series, last));

  const excluded: DateTime[] = [];
  const moved: Occurrence[] = [];
  for (let index = 0; index <= last; index++) {
    const occurrence = occurrenceAt(series, index);
    const at = ruleStart(series, index);
    if (occurrence?.status !== 'booked') {
      // Skipped, cancelled, or not decided (a pending write): not in the calendar until it is booked.
      excluded.push(at);
    } else if (Date.parse(occurrence.start) !== at.toMillis() || Date.parse(occurrence.end) !== at.toMillis() + duration) {
      moved.push(occurrence);
    }
  }
  // UNTIL is the last rule date itself, in UTC (RFC 5545 wants UTC when DTSTART has a TZID); COUNT would say the same.
  const rule = [`FREQ=WEEKLY`, `INTERVAL=${series.everyWeeks}`, ...(open ? [] : [`UNTIL=${ruleStart(series, last).toUTC().toFormat(ICS_UTC)}`])].join(';');
  const lines = [`RRULE:${rule}`];
  // One EXDATE line per date: plain and unambiguous for every parser.
  for (const at of excluded) lines.push(`EXDATE;TZID=${series.therapistTimeZone}:${at.toFormat(ICS_LOCAL)}`);

  draft.calendar.createEvent({
    ...common(series, message, false),
    start: first,
    end: first.plus({ milliseconds: duration }),
    repeating: lines.join('\r\n'),
  } as ICalEventData);
  for (const occurrence of moved) {
    const start = DateTime.fromISO(occurrence.start, { zone: series.therapistTimeZone });
    draft.calendar.createEvent({
      ...common(series, message, false),
      start,
      end: DateTime.fromISO(occurrence.end, { zone: series.therapistTimeZone }),
      recurrenceId: ruleStart(series, occurrence.index),
    } as ICalEventData);
  }
  return { method: 'REQUEST', filename: INVITATION_FILENAME, content: draft.toString() };
}

/** The iTIP CANCEL of the whole series' event: every occurrence goes from the calendar at once. */
export function buildSeriesCancellation(series: SeriesRule, message: SeriesCalendarMessage): NonNullable<OutgoingEmail['calendar']> {
  const first = ruleStart(series, 0);
  const draft = calendarFor(series, 'CANCEL', first, ruleStart(series, lastIndex(series)));
  draft.calendar.createEvent({
    ...common(series, message, true),
    start: first,
    end: first.plus({ milliseconds: durationOf(series) }),
  } as ICalEventData);
  return { method: 'CANCEL', filename: CANCELLATION_FILENAME, content: draft.toString() };
}

/**
 * One occurrence changed on its own (moved or cancelled through the booking endpoints): an update
 * of that instance of the series' event, named by `RECURRENCE-ID` (its rule date). A move is a
 * REQUEST with the new DTSTART; a cancellation a CANCEL with STATUS:CANCELLED.
 *
 * SEQUENCE: the series' plus the booking's. Both only grow, so every later message about this
 * instance outranks the earlier ones, and it never falls below the series event's own SEQUENCE
 * (an instance update older than its master is ignored by Outlook).
 */
export function buildOccurrenceUpdate(
  series: SeriesRule,
  occurrence: { index: number; start: string; end: string; sequence: number; cancelled: boolean },
  message: SeriesCalendarMessage,
): NonNullable<OutgoingEmail['calendar']> {
  const original = ruleStart(series, occurrence.index);
  const start = DateTime.fromISO(occurrence.start, { zone: series.therapistTimeZone });
  const draft = calendarFor(series, occurrence.cancelled ? 'CANCEL' : 'REQUEST', original < start ? original : start, original < start ? start : original);
  draft.calendar.createEvent({
    ...common(series, message, occurrence.cancelled),
    sequence: series.sequence + occurrence.sequence,
    start,
    end: DateTime.fromISO(occurrence.end, { zone: series.therapistTimeZone }),
    recurrenceId: original,
  } as ICalEventData);
  return occurrence.cancelled
    ? { method: 'CANCEL', filename: CANCELLATION_FILENAME, content: draft.toString() }
    : { method: 'REQUEST', filename: INVITATION_FILENAME, content: draft.toString() };
}

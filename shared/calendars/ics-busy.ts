import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { isIanaZone } from '../time/time-zone';
import { CalendarReadError } from './calendar-source';

/**
 * The busy time of an iCalendar file (an ICS feed, or the calendar-data of CalDAV objects) within
 * [from, to), as merged UTC intervals clipped to the range. No title, place or attendee leaves this
 * module: only when the therapist is busy.
 *
 * How times are read (decision 96):
 * - A TZID that is an IANA name is read with the runtime's zone data (as Google, Outlook and Apple
 *   do with a TZID they know); any other TZID ("W. Europe Standard Time", Outlook's) with the file's
 *   own VTIMEZONE; a TZID with neither is read as the therapist's zone, like a floating time.
 * - Floating times (no TZID, no Z) are the therapist's wall-clock time (`zone`).
 * - An all-day event (VALUE=DATE) blocks its dates from midnight to midnight in the therapist's zone:
 *   a date has no zone, and "the 14th" on the therapist's calendar is the therapist's 14th wherever
 *   the event was created.
 * - TRANSP:TRANSPARENT, X-MICROSOFT-CDO-BUSYSTATUS:FREE and STATUS:CANCELLED do not block, per
 *   instance (an override may be free while its series is busy, or the reverse).
 *
 * Only the range is expanded, and boundedly (decision 97): a rule without COUNT starts its
 * expansion a whole number of its periods after DTSTART, just before the range, so a daily rule
 * from 2010 costs what one from last week costs; no rule may take more than MAX_STEPS steps and no
 * file may yield more than MAX_INSTANCES instances in the range (it is refused plainly instead).
 */
export interface IcsRange {
  from: Date;
  to: Date;
  /** The therapist's zone: floating times and all-day dates are read in it. */
  zone: string;
}
export interface BusyInterval {
  start: string;
  end: string;
}

/** Steps of one rule's expansion (ical.js takes ~20-70 µs a step here: 10,000 is under a second). */
export const MAX_STEPS = 10_000;
/** Instances in the range, over the whole file: 13 a day over the longest horizon (730 days). */
export const MAX_INSTANCES = 10_000;

const DAY = 86_400_000;
/** Wall-clock and UTC order can differ by a zone's offset change: stop a rule this far past the range. */
const ORDER_SLACK = 2 * DAY;

type Millis = [number, number];

export function busyFromIcs(icsText: string, range: IcsRange): BusyInterval[] {
  if (!isIanaZone(range.zone)) throw new RangeError(`unknown time zone: ${range.zone}`);
  const from = range.from.getTime();
  const to = range.to.getTime();
  if (!(to > from)) return [];
  const calendars = parseCalendars(icsText);
  const budget = { instances: 0 };
  const intervals: Millis[] = [];
  const keep = (interval: Millis) => {
    const [start, end] = interval;
    if (end <= from || start >= to || end <= start) return;
    if (++budget.instances > MAX_INSTANCES) {
      throw new CalendarReadError(`This calendar has more than ${MAX_INSTANCES} events in the coming period, more than can be read.`);
    }
    intervals.push([Math.max(start, from), Math.min(end, to)]);
  };
  try {
    for (const calendar of calendars) {
      for (const group of eventGroups(calendar)) readGroup(group, range.zone, from, to, keep);
    }
  } catch (error) {
    if (error instanceof CalendarReadError) throw error;
    // ical.js throws plain Errors on malformed values (a bad date, an unreadable rule).
    throw new CalendarReadError('An event in this calendar could not be read: the file is not valid iCalendar.');
  }
  return merge(intervals).map(([start, end]) => ({ start: new Date(start).toISOString(), end: new Date(end).toISOString() }));
}

function parseCalendars(icsText: string): ICAL.Component[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(icsText);
  } catch {
    throw new CalendarReadError('The address did not return a calendar: the file is not valid iCalendar.');
  }
  // ical.js answers one component, or an array when the text holds several.
  const roots = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as unknown[];
  const calendars = roots.map((jcal) => new ICAL.Component(jcal as never)).filter((c) => c.name === 'vcalendar');
  if (calendars.length === 0) throw new CalendarReadError('The address did not return a calendar: the file has no VCALENDAR.');
  return calendars;
}

interface EventGroup {
  master?: ICAL.Event;
  overrides: ICAL.Event[];
}

/** VEVENTs grouped by UID: a master and its RECURRENCE-ID overrides (ical.js would relate any UID's). */
function eventGroups(calendar: ICAL.Component): EventGroup[] {
  const groups = new Map<string, EventGroup>();
  let anonymous = 0;
  for (const component of calendar.getAllSubcomponents('vevent')) {
    if (!component.hasProperty('dtstart')) continue; // nothing to place on a calendar
    const event = new ICAL.Event(component, { exceptions: [] });
    const uid = event.uid || `no-uid-${anonymous++}`;
    const group = groups.get(uid) ?? { overrides: [] };
    groups.set(uid, group);
    if (component.hasProperty('recurrence-id')) group.overrides.push(event);
    else if (group.master) groups.set(`${uid}#${anonymous++}`, { master: event, overrides: [] }); // a duplicate UID: both count
    else group.master = event;
  }
  return [...groups.values()];
}

function readGroup(group: EventGroup, zone: string, from: number, to: number, keep: (interval: Millis) => void): void {
  // An override replaces the master's instance that its RECURRENCE-ID names, wherever it moved to.
  const replaced = new Set<number>();
  for (const override of group.overrides) {
    replaced.add(clockOf(override.component.getFirstProperty('recurrence-id'), zone)(override.recurrenceId));
    if (blocks(override.component)) keep(eventSpan(override, zone));
  }
  const master = group.master;
  if (!master || !blocks(master.component)) return;
  const masterStart = master.startDate;
  // Every instance of the series is read in the zone of its DTSTART (ical.js's copies lose the TZID).
  const clock = clockOf(master.component.getFirstProperty('dtstart'), zone);
  const [firstStart, firstEnd] = eventSpan(master, zone);
  const duration = firstEnd - firstStart;
  const excluded = new Set<number>();
  const excludedDates = new Set<string>();
  for (const { time, clock: exClock } of datesOf(master.component, 'exdate', zone)) {
    // An EXDATE without a time on a timed series takes out that day's instance.
    if (time.isDate && !masterStart.isDate) excludedDates.add(dateKey(time));
    else excluded.add(exClock(time));
  }
  // A timed instance lasts exactly as long as the first (RFC 5545 3.8.5.3 for DTEND; DURATION in
  // hours too), which also saves reading each end in its zone.
  const place = (start: ICAL.Time, at: number) => {
    if (replaced.has(at) || excluded.has(at) || excludedDates.has(dateKey(start))) return;
    if (!start.isDate) return keep([at, at + duration]);
    // Dates are nominal days: 1 to 3 April is three Berlin days whatever the clocks do meanwhile.
    const end = start.clone();
    end.addDuration(master.duration);
    keep([at, clock(end)]);
  };
  // DTSTART is always the first instance (RFC 5545 3.8.5.3); the rules and RDATEs add the others.
  const seen = new Set<number>([firstStart]);
  place(masterStart, firstStart);
  for (const { time, clock: rdateClock } of datesOf(master.component, 'rdate', zone)) {
    // An RDATE without a time on a timed event keeps the event's time of day.
    const start = time.isDate === masterStart.isDate ? time : withTimeOf(time, masterStart);
    const at = start === time ? rdateClock(time) : clock(start);
    if (seen.has(at)) continue;
    seen.add(at);
    place(start, at);
  }
  for (const property of master.component.getAllProperties('rrule')) {
    const rule = property.getFirstValue() as ICAL.Recur;
    const iterator = rule.iterator(fastForward(rule, masterStart, firstStart, from - duration - ORDER_SLACK));
    for (let steps = 0; ; steps++) {
      if (steps >= MAX_STEPS) {
        throw new CalendarReadError('An event in this calendar repeats too often to be read.');
      }
      const next = iterator.next();
      if (!next) break;
      // The wall-clock time read as UTC is within a day of the instant: enough to pass over the
      // instances before the range without the cost of reading each in its zone.
      const roughly = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
      if (roughly + duration + DAY < from) continue;
      if (roughly - DAY >= to + ORDER_SLACK) break;
      const at = clock(next);
      if (at >= to + ORDER_SLACK) break;
      if (seen.has(at)) continue;
      seen.add(at);
      if (at + duration > from) place(next, at);
    }
  }
}

function eventSpan(event: ICAL.Event, zone: string): Millis {
  const startProperty = event.component.getFirstProperty('dtstart');
  const endProperty = event.component.getFirstProperty('dtend') ?? startProperty;
  return [clockOf(startProperty, zone)(event.startDate), clockOf(endProperty, zone)(event.endDate)];
}

const dateKey = (time: ICAL.Time) => `${time.year}-${time.month}-${time.day}`;

/**
 * Where a rule's expansion may start instead of its DTSTART without changing what it yields in the
 * range: a whole number of its periods later, before `notAfter`. Only for rules without COUNT
 * (counting needs every instance from the start) and of a fixed period (months and years differ in
 * length; they are few enough to walk).
 */
function fastForward(rule: ICAL.Recur, dtstart: ICAL.Time, dtstartMillis: number, notAfter: number): ICAL.Time {
  const seconds = { SECONDLY: 1, MINUTELY: 60, HOURLY: 3600, DAILY: 86_400, WEEKLY: 604_800 }[rule.freq as string];
  if (!seconds || rule.count) return dtstart;
  const period = seconds * 1000 * (rule.interval || 1);
  const periods = Math.floor((notAfter - dtstartMillis) / period);
  if (periods <= 0) return dtstart;
  const shifted = dtstart.clone();
  // Wall-clock arithmetic, as the rule's own expansion is: a daily 10:00 stays 10:00 across DST.
  if (seconds >= 86_400) shifted.adjust((periods * period) / DAY, 0, 0, 0);
  else shifted.adjust(0, 0, 0, (periods * period) / 1000);
  return shifted;
}

function datesOf(component: ICAL.Component, name: 'exdate' | 'rdate', zone: string): Array<{ time: ICAL.Time; clock: Clock }> {
  const times: Array<{ time: ICAL.Time; clock: Clock }> = [];
  for (const property of component.getAllProperties(name)) {
    const clock = clockOf(property, zone);
    for (const value of property.getValues()) {
      // An RDATE may be a PERIOD; its start is the instance's start (the event's duration applies).
      if (value instanceof ICAL.Period) times.push({ time: value.start, clock });
      else if (value instanceof ICAL.Time) times.push({ time: value, clock });
    }
  }
  return times;
}

function withTimeOf(date: ICAL.Time, time: ICAL.Time): ICAL.Time {
  const result = time.clone();
  result.year = date.year;
  result.month = date.month;
  result.day = date.day;
  return result;
}

/** Whether one instance (a master or an override) takes the time. */
function blocks(component: ICAL.Component): boolean {
  const value = (name: string) => String(component.getFirstPropertyValue(name) ?? '').trim().toUpperCase();
  if (value('status') === 'CANCELLED') return false;
  if (value('transp') === 'TRANSPARENT') return false;
  if (value('x-microsoft-cdo-busystatus') === 'FREE') return false;
  return true;
}

type Clock = (time: ICAL.Time) => number;

/**
 * How the times of one property become UTC instants, as decision 96 says. The TZID is taken from
 * the property: ical.js keeps an unknown one only on the value it parsed, not on its copies.
 */
function clockOf(property: ICAL.Property | null | undefined, zone: string): Clock {
  const tzid = property?.getParameter('tzid');
  const named = typeof tzid === 'string' && isIanaZone(tzid) ? tzid : undefined;
  return (time) => {
    if (time.isDate) return wallClock(time, zone, true);
    if (time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC') return wallClock(time, 'UTC');
    if (named) return wallClock(time, named);
    // A zone the file itself defines (a VTIMEZONE component): ical.js applies its rules.
    if (time.zone?.component) return time.toUnixTime() * 1000;
    return wallClock(time, zone);
  };
}

function wallClock(time: ICAL.Time, zone: string, dateOnly = false): number {
  const local = DateTime.fromObject(
    dateOnly
      ? { year: time.year, month: time.month, day: time.day }
      : { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second },
    { zone },
  );
  if (!local.isValid) throw new CalendarReadError('An event in this calendar has a date that could not be read.');
  return local.toMillis();
}

function merge(intervals: Millis[]): Millis[] {
  intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Millis[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([...interval]);
  }
  return merged;
}

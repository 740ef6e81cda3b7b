import { DateTime } from 'luxon';
import { MAX_SERIES_COUNT } from './series';

/** A series' rule: a wall-clock time in the therapist's zone on a weekday, every `everyWeeks` weeks from `firstDate`. */
export interface OccurrenceRule {
  firstDate: string;
  localTime: string;
  timeZone: string;
  everyWeeks: number;
  /** The index `firstDate` belongs to (0 unless the series was moved from a later occurrence on). */
  firstIndex?: number;
  count?: number;
  until?: string;
}

export interface RuleOccurrence {
  index: number;
  /** The therapist-local date. */
  date: string;
  /** UTC instants. For a wall time the clocks skip (spring forward) this is where luxon lands, an hour on. */
  start: string;
  end: string;
  /** False when the wall time does not exist on that date: such an occurrence is skipped as outside hours. */
  exists: boolean;
}

/** The rule's date and wall-clock time of an instant in `zone`. */
export function ruleOf(startIso: string, zone: string): { firstDate: string; localTime: string } {
  const local = DateTime.fromISO(startIso, { zone });
  return { firstDate: local.toISODate()!, localTime: local.toFormat('HH:mm') };
}

/**
 * Occurrence `index` of the rule. The date moves in whole calendar weeks and the time is put back
 * on the therapist's wall clock each time, so a 17:00 Tuesday stays 17:00 across DST changes (its
 * UTC instant moves by the offset change). An ambiguous wall time (the hour the clocks repeat in
 * autumn) takes the earlier offset, as luxon does; a missing one (spring forward) does not exist.
 */
export function ruleOccurrence(rule: OccurrenceRule, index: number, durationMinutes: number): RuleOccurrence {
  const weeks = (index - (rule.firstIndex ?? 0)) * rule.everyWeeks;
  const date = DateTime.fromISO(rule.firstDate, { zone: rule.timeZone }).plus({ weeks }).toISODate()!;
  const [hour, minute] = rule.localTime.split(':').map(Number) as [number, number];
  const local = DateTime.fromISO(date, { zone: rule.timeZone }).set({ hour, minute, second: 0, millisecond: 0 });
  const exists = local.hour === hour && local.minute === minute && local.toISODate() === date;
  const start = local.toUTC();
  // The same form as a booking's instants (toISOString), so an occurrence and its booking compare equal.
  return { index, date, start: start.toJSDate().toISOString(), end: start.plus({ minutes: durationMinutes }).toJSDate().toISOString(), exists };
}

/**
 * The rule's occurrences from `fromIndex` on: up to `count` in all (indices below it), on or before
 * `until`, and for an open-ended rule on or before `through`. Never more than 52 indices in all
 * from the first: a series is a year at most, whichever bound it has.
 */
export function ruleOccurrences(rule: OccurrenceRule, durationMinutes: number, options: { fromIndex: number; through?: string }): RuleOccurrence[] {
  const open = rule.count === undefined && rule.until === undefined;
  const lastIndex = open ? Number.POSITIVE_INFINITY : Math.min(rule.count ?? MAX_SERIES_COUNT, MAX_SERIES_COUNT) - 1;
  const limit = open ? options.through : rule.until;
  if (open && limit === undefined) return [];
  const occurrences: RuleOccurrence[] = [];
  for (let index = options.fromIndex; index <= lastIndex; index++) {
    const occurrence = ruleOccurrence(rule, index, durationMinutes);
    if (limit !== undefined && occurrence.date > limit) break;
    occurrences.push(occurrence);
  }
  return occurrences;
}

/** The therapist-local date `weeks` weeks after `date`. */
export const plusWeeks = (date: string, weeks: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ weeks }).toISODate()!;
export const plusDays = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
/** Today in `zone`. */
export const localDate = (now: Date, zone: string) => DateTime.fromJSDate(now, { zone }).toISODate()!;

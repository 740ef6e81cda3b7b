import { strings } from './strings';
import { wallClock } from './zoned-time';

/** An occurrence as the therapist's series shows it (times in the series' zone, with their offset). */
export interface SeriesOccurrence {
  /** Its place in the rule: POST /v1/me/series/{id}/occurrences/{index}/place names it. */
  index: number;
  start: string;
  end: string;
  bookingId?: string;
  status: 'booked' | 'skipped' | 'cancelled';
  reason?: string;
  /** A skipped week the therapist booked by hand (decision 73). */
  placed?: true;
}

/** `GET /v1/me/series`: the contract's TherapistSeries. */
export interface MySeries {
  id: string;
  therapistId: string;
  sessionTypeId: string;
  everyWeeks: number;
  count?: number;
  until?: string;
  status: 'active' | 'ended';
  timeZone: string;
  therapistTimeZone: string;
  clients: { name: string; email: string; phone?: string }[];
  occurrences: SeriesOccurrence[];
  note?: string;
  plannedThrough: string;
}

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * The rule in words, on the therapist's clock: "every 2 weeks on Tuesday at 17:00, 10 sessions".
 * The weekday and time are the LAST occurrence's: after the series was moved from a date, that is
 * the rule's new time (every occurrence, skipped ones too, sits on the rule unless it alone was
 * moved or could not move, which leaves the last one on the rule in all but rare cases).
 */
export function ruleInWords(series: Pick<MySeries, 'everyWeeks' | 'count' | 'until' | 'occurrences'>, zone: string): string {
  const last = series.occurrences[series.occurrences.length - 1];
  const untilName = new Intl.DateTimeFormat(strings.lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const end = series.count !== undefined ? strings.ruleSessions(series.count) : series.until !== undefined ? strings.ruleUntil(untilName.format(noon(series.until))) : strings.ruleOpenEnded;
  if (!last) return end;
  const wall = wallClock(last.start, zone);
  const weekday = new Intl.DateTimeFormat(strings.lang, { weekday: 'long', timeZone: 'UTC' }).format(noon(wall.date));
  const time = new Intl.DateTimeFormat(strings.lang, { hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone }).format(new Date(last.start));
  return strings.ruleWords(series.everyWeeks, weekday, time, end);
}

/** The next `n` booked occurrences that have not ended. */
export const nextOccurrences = (series: Pick<MySeries, 'occurrences'>, n: number, now = Date.now()) =>
  series.occurrences.filter((o) => o.status === 'booked' && Date.parse(o.end) > now).slice(0, n);

/** Why a week was skipped, in words (an unknown reason is shown as the API gave it). */
export const reasonInWords = (reason: string | undefined) => (reason ? strings.skipReasonWord[reason] ?? reason.replace(/_/g, ' ') : '');

/** First names only, as the Week view shows clients: the list may be on a screen others see. */
export const firstNames = (clients: { name: string }[]) => clients.map((c) => c.name.trim().split(/\s+/)[0] ?? '').filter(Boolean).join(' & ');

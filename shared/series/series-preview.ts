import { DateTime } from 'luxon';
import { loadAround, type AvailabilityServicePorts } from '../availability/availability-service';
import { bookable } from '../booking/bookable';
import { judgeStart } from '../booking/judge-start';
import { validationFailed } from '../errors/domain-errors';
import { checkClientRepeat } from './client-repeat';
import { skippedBeforeEngine, skipReason } from './occurrence-verdict';
import { ruleOccurrences, ruleOf } from './occurrences';
import type { SkipReason } from './series';

export interface SeriesPreviewQuery {
  therapistId: string;
  sessionTypeId: string;
  start: string;
  everyWeeks: number;
  count: number;
  /** The client's zone for the answer's times; default the therapist's. */
  timeZone?: string;
}

export interface PreviewOccurrence {
  start: string;
  end: string;
  status: 'free' | 'skipped';
  reason?: SkipReason;
}

/**
 * What a client's series from `start` would book now, read only (decision 65): the rule's dates as
 * createSeries makes them, each judged as it would judge it — the first with notice and horizon, the
 * later ones without, time off, overrides, hours, buffers, the daily limit and bookings for all —
 * through the same checks (`skippedBeforeEngine`, `judgeStart`, `skipReason`). It tells what the
 * booking's answer would tell (each date free or skipped with its reason), no more: no booking is
 * named, and a missing therapist or a hidden type is availability's 404.
 */
export async function previewSeries(deps: AvailabilityServicePorts, query: SeriesPreviewQuery): Promise<{ occurrences: PreviewOccurrence[] }> {
  const start = new Date(query.start);
  if (start.getTime() % 60_000 !== 0) throw validationFailed('The series is not valid.', [{ path: 'start', message: 'must be a whole minute' }]);
  // One query, as availability's: the rule's last date is at most a day from its UTC date, and loadAround adds a margin.
  const utc = DateTime.fromJSDate(start, { zone: 'UTC' });
  const last = utc.plus({ weeks: query.everyWeeks * (query.count - 1) });
  const { configuration, ledgers } = await loadAround(deps, query.therapistId, utc.toISODate()!, last.toISODate()!);
  // The same 404s and 400s as POST /v1/bookings with `repeat`, before anything is judged.
  const { therapist, schedule, sessionType } = bookable(configuration, query.sessionTypeId);
  checkClientRepeat(sessionType, { everyWeeks: query.everyWeeks, count: query.count });
  const zone = schedule?.timeZone ?? therapist.timeZone;
  const present = (iso: string) => DateTime.fromISO(iso, { zone: query.timeZone ?? zone }).toISO({ suppressMilliseconds: true })!;
  const { firstDate, localTime } = ruleOf(start.toISOString(), zone);
  const rule = { firstDate, localTime, timeZone: zone, everyWeeks: query.everyWeeks, count: query.count };
  const dates = ruleOccurrences(rule, sessionType.durationMinutes, { fromIndex: 0 });
  const now = deps.clock.now();
  const occurrences = dates.map((occurrence): PreviewOccurrence => {
    const shown = { start: present(occurrence.start), end: present(occurrence.end) };
    // createSeries books the first at the instant asked for (it exists); later ones at the rule's wall time.
    const early = skippedBeforeEngine({ start: occurrence.start, exists: occurrence.index === 0 || occurrence.exists }, now);
    if (early) return { ...shown, status: 'skipped', reason: early };
    if (!schedule) return { ...shown, status: 'skipped', reason: 'outside_hours' };
    const verdict = judgeStart({
      configuration: { ...configuration, schedule }, ledgers, durationMinutes: sessionType.durationMinutes,
      start: new Date(occurrence.start), now, relaxed: occurrence.index > 0,
    });
    return verdict.ok ? { ...shown, status: 'free' } : { ...shown, status: 'skipped', reason: skipReason(verdict.reason, configuration, zone, occurrence.start) };
  });
  return { occurrences };
}

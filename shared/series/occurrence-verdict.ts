import type { SlotRejection } from '../availability/availability-engine';
import type { TherapistConfiguration } from '../store/therapist-repository';
import { localDate } from './occurrences';
import type { SkipReason } from './series';

/**
 * What skips an occurrence before the engine is asked: its time has passed (a resume much later, or
 * a preview of a start already gone), or its wall time does not exist that day (spring forward).
 * The write (finishPlanned) and the preview (decision 65) ask this, then `judgeStart`, then `skipReason`.
 */
export function skippedBeforeEngine(occurrence: { start: string; exists: boolean }, now: Date): SkipReason | undefined {
  if (Date.parse(occurrence.start) <= now.getTime()) return 'too_soon';
  if (!occurrence.exists) return 'outside_hours';
  return undefined;
}

/** An override day off is named as such; otherwise the engine's reason. */
export function skipReason(reason: SlotRejection, configuration: Pick<TherapistConfiguration, 'overrides'>, therapistZone: string, start: string): SkipReason {
  const date = localDate(new Date(start), therapistZone);
  if (reason === 'outside_hours' && configuration.overrides.some((o) => o.date === date && o.intervals.length === 0)) return 'override';
  return reason;
}

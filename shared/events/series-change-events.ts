import type { SeriesChanged, SeriesCreated, SeriesEnded, SeriesEvent } from '../../events/booking-events';
import type { Series } from '../series/series';
import { deterministicEventId } from './event-id';

/**
 * The domain events one change of a series item means (decision 64):
 * - `series.created` when the series is first complete: the first image without a pending create
 *   (written whole, or the write that finished the last occurrence). Its id depends on the series
 *   alone, so however often a stream record is redelivered, or whichever image happens to be first
 *   complete, the confirmation has one id, and its delivery claims send it once per recipient.
 * - `series.ended` when the status turns `ended`.
 * - `series.changed` when an active series' image gains a week skipped after its confirmation
 *   (`skippedAt` = the new sequence, decision 71): one per such write, its id from series and sequence.
 * The occurrences' own booking events are left as they are; their consumer knows an occurrence by its `seriesId`.
 */
export function eventsForSeriesChange(before: Series | undefined, after: Series | undefined): SeriesEvent[] {
  if (!after) return [];
  const facts = { seriesId: after.id, therapistId: after.therapistId, sequence: after.sequence };
  const complete = (s: Series | undefined) => !!s && s.pending !== 'create';
  const events: SeriesEvent[] = [];
  if (complete(after) && !complete(before)) {
    const event: SeriesCreated = { id: deterministicEventId('series.created', after.id), type: 'series.created', version: 1, occurredAt: after.updatedAt, data: facts };
    events.push(event);
  }
  if (after.status === 'ended' && before?.status !== 'ended') {
    const event: SeriesEnded = { id: deterministicEventId('series.ended', after.id, after.sequence), type: 'series.ended', version: 1, occurredAt: after.updatedAt, data: facts };
    events.push(event);
  }
  const newlySkipped = after.occurrences.some((o) => o.status === 'skipped' && o.skippedAt === after.sequence);
  if (after.status === 'active' && newlySkipped && after.sequence > (before?.sequence ?? -1)) {
    const event: SeriesChanged = { id: deterministicEventId('series.changed', after.id, after.sequence), type: 'series.changed', version: 1, occurredAt: after.updatedAt, data: facts };
    events.push(event);
  }
  return events;
}

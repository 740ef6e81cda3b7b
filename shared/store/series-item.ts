import type { Series } from '../series/series';
import { keys, TABLE_SCHEMA } from './table-schema';

/** A series as stored, with the version every write to it is conditioned on (0: not stored yet). */
export interface StoredSeries {
  series: Series;
  version: number;
}

const SERIES_FIELDS = [
  'id', 'therapistId', 'sessionTypeId', 'everyWeeks', 'count', 'until', 'status', 'endedFrom', 'timeZone', 'therapistTimeZone', 'firstDate',
  'localTime', 'firstIndex', 'clients', 'note', 'occurrences', 'planned', 'plannedThrough', 'pending', 'createdBy', 'createdAt',
  'updatedAt', 'sequence', 'locale',
] as const;

export function toStoredSeries(item: Record<string, any>): StoredSeries {
  const series: Record<string, unknown> = {};
  for (const field of SERIES_FIELDS) if (item[field] !== undefined) series[field] = item[field];
  return { series: series as unknown as Series, version: Number(item.version ?? 0) };
}

/** The item for `series` at `version`. No TTL: a series is kept like the therapist's configuration. */
export function seriesItem(series: Series, version: number): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...keys.series(series.id),
    type: 'series',
    version,
    [TABLE_SCHEMA.index.partitionKey]: keys.seriesOfTherapist(series.therapistId),
    [TABLE_SCHEMA.index.sortKey]: `${series.firstDate}#${series.id}`,
  };
  for (const field of SERIES_FIELDS) if (series[field] !== undefined) item[field] = series[field];
  return item;
}

/** The condition that the stored series is still at `version` (0: absent). */
export function seriesCondition(version: number) {
  return version === 0
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } };
}

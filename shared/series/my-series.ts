import type { Therapist } from '../domain/therapist';
import { DomainError, notFound, validationFailed } from '../errors/domain-errors';
import type { Series } from './series';
import { getSeries } from './series-service';

/**
 * A series of the signed-in therapist, or 404: another therapist's series answers exactly as a
 * missing one does, so ids of other practices' series cannot be confirmed.
 */
export async function mySeries(deps: Parameters<typeof getSeries>[0], me: Therapist, id: string): Promise<Series> {
  const series = await getSeries(deps, id).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') throw notFound('The series');
    throw error;
  });
  if (series.therapistId !== me.id) throw notFound('The series');
  return series;
}

/** A series ends after `count` occurrences or on `until`, not both: with both, which one wins would be a guess. */
export function checkSeriesEnd(body: { count?: number | undefined; until?: string | undefined }): void {
  if (body.count !== undefined && body.until !== undefined) {
    throw validationFailed('Give either a number of sessions or an end date, not both.', [{ path: 'until', message: 'must not be given with count' }]);
  }
}

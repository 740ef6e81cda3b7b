import { DateTime } from 'luxon';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesAccess } from '../../shared/http/series-access';
import { seriesViewForClient } from '../../shared/http/series-view';
import type { Series } from '../../shared/series/series';
import { endSeries } from '../../shared/series/series-service';

export const handler = httpHandler(OPERATIONS.cancelSeries, async ({ params, body, event }, deps) => {
  const { series, client } = await seriesAccess(deps, event, params.seriesId);
  const from = body.from ?? nextOccurrenceDate(series, deps.clock.now());
  const ended = await endSeries(deps, series.id, from, { by: 'client', ...(client === undefined ? {} : { client }) });
  return { body: { series: seriesViewForClient(ended, client) } };
});

/**
 * The default `from`: the date, in the rule's zone, of the next occurrence that has not started —
 * so a session earlier today that has begun is left alone. Without one, today: nothing is left to
 * cancel, and ending the series from today stops an open-ended one from being extended.
 */
function nextOccurrenceDate(series: Series, now: Date): string {
  const next = series.occurrences.filter((o) => Date.parse(o.start) > now.getTime()).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  return DateTime.fromISO(next?.start ?? now.toISOString(), { zone: series.therapistTimeZone }).toISODate()!;
}

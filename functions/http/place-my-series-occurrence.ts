import { audit } from '../../shared/audit/audited';
import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesViewForTherapist } from '../../shared/http/series-view';
import { mySeries } from '../../shared/series/my-series';
import { placeOccurrence } from '../../shared/series/series-service';

/** A skipped week of the therapist's own series, booked by hand as that occurrence (decision 73). */
export const handler = httpHandler(OPERATIONS.placeMySeriesOccurrence, async ({ principal, me, params, body }, deps) => {
  const owned = await mySeries(deps, me!, params.id);
  return { body: { series: seriesViewForTherapist(await placeOccurrence(deps, owned.id, Number(params.index), body.start, audit(deps.audit, actorOf(principal), 'series.change', owned.id))) } };
});

import { audit } from '../../shared/audit/audited';
import { actorOf } from '../../shared/audit/audit-log';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesViewForTherapist } from '../../shared/http/series-view';
import { mySeries } from '../../shared/series/my-series';
import { endSeries } from '../../shared/series/series-service';

export const handler = httpHandler(OPERATIONS.endMySeries, async ({ principal, me, params, body }, deps) => {
  const series = await mySeries(deps, me!, params.id);
  return { body: { series: seriesViewForTherapist(await endSeries(deps, series.id, body.from, { by: 'therapist' }, audit(deps.audit, actorOf(principal), 'series.end', series.id))) } };
});
